ALTER TABLE `chats` ADD `source` text DEFAULT 'app' NOT NULL;
