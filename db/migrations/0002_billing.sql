CREATE TABLE `stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`workspace_id` text,
	`outcome` text NOT NULL,
	`event_created_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `users` ADD `suspended_at` integer;--> statement-breakpoint
ALTER TABLE `workspace_plans` ADD `stripe_customer_id` text;--> statement-breakpoint
ALTER TABLE `workspace_plans` ADD `stripe_subscription_id` text;--> statement-breakpoint
ALTER TABLE `workspace_plans` ADD `subscription_status` text;--> statement-breakpoint
ALTER TABLE `workspace_plans` ADD `cancel_at_period_end` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `workspace_plans` ADD `subscription_changed_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `workspace_plans_stripe_customer_id_unique` ON `workspace_plans` (`stripe_customer_id`);