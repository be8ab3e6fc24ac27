package io.panopticon.ingest.dlq;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin-only (every {@code /api/admin/**} path needs an admin token) dead-letter
 * re-drive.
 */
@RestController
class DeadLetterController {

	private final DeadLetterRedrive redrive;

	DeadLetterController(DeadLetterRedrive redrive) {
		this.redrive = redrive;
	}

	@PostMapping("/api/admin/dlq/redrive")
	DeadLetterRedrive.Result redrive(@RequestParam String topic) {
		return this.redrive.redrive(topic);
	}

}
