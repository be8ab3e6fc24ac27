package io.panopticon.alert.notify;

/**
 * An e-mail channel's SMTP server as the API shows it.
 *
 * @param host the server's host
 * @param port its port
 * @param username the login, if any
 * @param passwordSet whether a password is kept (it is never shown)
 * @param from the sender address
 * @param startTls {@code required}, {@code optional} or {@code off}
 */
public record SmtpView(String host, int port, String username, boolean passwordSet, String from, String startTls) {
}
