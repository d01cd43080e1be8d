CREATE TABLE `credit_balances` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`balance` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Hand-written: the balance is the running sum of the ledger, kept by the ledger's own triggers,
-- so every statement that writes credit_transactions moves the balance with it.
INSERT INTO `credit_balances` (`workspace_id`, `balance`)
  SELECT `workspace_id`, sum(`amount`) FROM `credit_transactions` GROUP BY `workspace_id`;
--> statement-breakpoint
CREATE TRIGGER `credit_balances_insert` AFTER INSERT ON `credit_transactions` BEGIN
  INSERT INTO `credit_balances` (`workspace_id`, `balance`) VALUES (new.`workspace_id`, new.`amount`)
    ON CONFLICT (`workspace_id`) DO UPDATE SET `balance` = `balance` + excluded.`balance`;
END;
--> statement-breakpoint
CREATE TRIGGER `credit_balances_delete` AFTER DELETE ON `credit_transactions` BEGIN
  UPDATE `credit_balances` SET `balance` = `balance` - old.`amount` WHERE `workspace_id` = old.`workspace_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `credit_balances_update` AFTER UPDATE OF `workspace_id`, `amount` ON `credit_transactions` BEGIN
  UPDATE `credit_balances` SET `balance` = `balance` - old.`amount` WHERE `workspace_id` = old.`workspace_id`;
  INSERT INTO `credit_balances` (`workspace_id`, `balance`) VALUES (new.`workspace_id`, new.`amount`)
    ON CONFLICT (`workspace_id`) DO UPDATE SET `balance` = `balance` + excluded.`balance`;
END;
