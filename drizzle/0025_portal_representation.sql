ALTER TABLE "portal_login_links" ALTER COLUMN "patient_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_login_links" ADD COLUMN "representative_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD COLUMN "self_patient_id" uuid;--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD COLUMN "representative_id" uuid;--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD COLUMN "representative_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;