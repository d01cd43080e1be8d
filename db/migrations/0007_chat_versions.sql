CREATE TABLE `message_feedback` (
	`message_id` text NOT NULL,
	`user_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`rating` text NOT NULL,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`message_id`, `user_id`),
	FOREIGN KEY (`message_id`) REFERENCES `chat_messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `message_feedback_updated_idx` ON `message_feedback` (`updated_at`);--> statement-breakpoint
CREATE TABLE `saved_prompts` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`created_by` text,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `saved_prompts_workspace_idx` ON `saved_prompts` (`workspace_id`,`title`);--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `parent_id` text REFERENCES chat_messages(id) ON DELETE cascade;--> statement-breakpoint
CREATE INDEX `chat_messages_parent_idx` ON `chat_messages` (`parent_id`);--> statement-breakpoint
ALTER TABLE `chats` ADD `system_prompt` text;--> statement-breakpoint
ALTER TABLE `chats` ADD `temperature` real;--> statement-breakpoint
ALTER TABLE `chats` ADD `pinned_at` integer;--> statement-breakpoint
ALTER TABLE `chats` ADD `current_message_id` text;--> statement-breakpoint
ALTER TABLE `chats` ADD `public_snapshot` text;--> statement-breakpoint
ALTER TABLE `chats` ADD `published_at` integer;--> statement-breakpoint
-- Chats made before branches were linear: each message follows the one before it, and the last one is current.
UPDATE `chat_messages` SET `parent_id` = (
	SELECT `p`.`id` FROM `chat_messages` `p`
	WHERE `p`.`chat_id` = `chat_messages`.`chat_id`
		AND (`p`.`created_at` < `chat_messages`.`created_at` OR (`p`.`created_at` = `chat_messages`.`created_at` AND `p`.rowid < `chat_messages`.rowid))
	ORDER BY `p`.`created_at` DESC, `p`.rowid DESC LIMIT 1
);--> statement-breakpoint
UPDATE `chats` SET `current_message_id` = (
	SELECT `m`.`id` FROM `chat_messages` `m` WHERE `m`.`chat_id` = `chats`.`id` ORDER BY `m`.`created_at` DESC, `m`.rowid DESC LIMIT 1
);--> statement-breakpoint
-- Chats already public get their snapshot now: questions and answers, sources without ids or excerpts.
UPDATE `chats` SET `published_at` = `updated_at`, `public_snapshot` = json_object(
	'title', `title`,
	'messages', json((
		SELECT json_group_array(json_object(
			'role', `m`.`role`, 'content', `m`.`content`, 'status', `m`.`status`, 'modelId', `m`.`model_id`,
			'sources', json((
				SELECT json_group_array(json_object('n', json_extract(`s`.`value`, '$.n'), 'filename', json_extract(`s`.`value`, '$.filename'), 'page', json_extract(`s`.`value`, '$.page')))
				FROM json_each(coalesce(`m`.`sources`, '[]')) `s`
			))
		))
		FROM (SELECT * FROM `chat_messages` WHERE `chat_id` = `chats`.`id` AND `role` != 'system' ORDER BY `created_at`, rowid) `m`
	))
) WHERE `is_public` = 1;
