ALTER TABLE "audit_chain_heads" ADD COLUMN "archived_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD COLUMN "archived_hash" text DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
-- Still append-only, with one exception: the retention service may remove events that it has
-- already moved behind the chain's archive anchor, inside its own transaction.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(current_setting('hoidja.retention', true), '') = 'on'
     AND OLD.seq <= (SELECT h.archived_seq FROM audit_chain_heads h WHERE h.clinic_id = OLD.clinic_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
