package io.panopticon.alert.notify;

/**
 * An e-mail channel's own SMTP server, in place of {@code panopticon.notify.mail.*}. Its
 * host must pass the outbound address policy, as webhook URLs must.
 *
 * @param host the server's host
 * @param port its port
 * @param username the user to log in as, or null
 * @param password the user's password (sealed at rest), or null
 * @param from the sender address
 * @param startTls {@code required}, {@code optional} or {@code off}
 */
record ChannelSmtp(String host, int port, String username, String password, String from, String startTls) {

	/**
	 * @return the server as settings, for the mail transport
	 */
	NotifyProperties.Mail settings() {
		return new NotifyProperties.Mail(this.host, this.port, this.username, this.password, this.from, this.startTls);
	}

	/**
	 * @return the server as the API shows it: the password masked
	 */
	SmtpView view() {
		return new SmtpView(this.host, this.port, this.username, this.password != null, this.from, this.startTls);
	}

}
