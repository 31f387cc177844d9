ALTER TABLE "staff_users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "reset_token_hash" text;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "reset_expires_at" timestamp with time zone;