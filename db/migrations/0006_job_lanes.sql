ALTER TABLE `jobs` ADD `lane` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `claimed_at` integer;--> statement-breakpoint
CREATE INDEX `jobs_lane_idx` ON `jobs` (`lane`,`claimed_at`);