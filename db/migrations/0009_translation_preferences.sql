CREATE TABLE `translation_preferences` (
	`user_id` text PRIMARY KEY NOT NULL,
	`target_language` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
