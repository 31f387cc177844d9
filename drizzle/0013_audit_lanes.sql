ALTER TABLE "audit_chain_heads" DROP CONSTRAINT "audit_chain_heads_pkey";--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD COLUMN "lane" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_clinic_id_lane_pk" PRIMARY KEY("clinic_id","lane");--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "lane" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_events_lane_idx" ON "audit_events" USING btree ("clinic_id","lane","seq");--> statement-breakpoint
-- Event numbers come from one sequence (no lock): unique within a clinic, increasing within a lane.
-- Events written before this migration keep their numbers; the sequence starts above all of them.
CREATE SEQUENCE "audit_events_seq";--> statement-breakpoint
SELECT setval('audit_events_seq', greatest((SELECT max(seq) FROM audit_events), 0) + 1, false);--> statement-breakpoint
-- Appends events to one of the clinic's chains in one round trip: hash = sha256(prev_hash || canonical row).
-- Each connection appends to its own lane (its backend pid modulo 32), so the lock on a lane's head
-- orders only the appends of that connection and of the rare other connection sharing the lane:
-- writers of one clinic no longer wait for each other's COMMIT. Every lane is its own hash chain.
CREATE OR REPLACE FUNCTION audit_append(p_clinic uuid, p_events jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  ev jsonb;
  r audit_events;
  s bigint;
  prev text;
  l smallint := (pg_backend_pid() % 32)::smallint;
BEGIN
  SELECT h.hash INTO prev FROM audit_chain_heads h WHERE h.clinic_id = p_clinic AND h.lane = l FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO audit_chain_heads (clinic_id, lane, seq, hash) VALUES (p_clinic, l, 0, repeat('0', 64))
      ON CONFLICT (clinic_id, lane) DO NOTHING;
    SELECT h.hash INTO prev FROM audit_chain_heads h WHERE h.clinic_id = p_clinic AND h.lane = l FOR UPDATE;
  END IF;
  FOR ev IN SELECT value FROM jsonb_array_elements(p_events) LOOP
    s := nextval('audit_events_seq');
    r := NULL;
    r.clinic_id := p_clinic;
    r.seq := s;
    r.lane := l;
    r.at := (ev->>'at')::timestamptz;
    r.actor_id := (ev->>'actorId')::uuid;
    r.actor_role := ev->>'actorRole';
    r.action := ev->>'action';
    r.entity_type := ev->>'entityType';
    r.entity_id := ev->>'entityId';
    r.patient_ref := (ev->>'patientRef')::uuid;
    r.purpose := ev->>'purpose';
    r.reason := ev->>'reason';
    r.break_glass := coalesce((ev->>'breakGlass')::boolean, false);
    r.outcome := ev->>'outcome';
    r.request_id := ev->>'requestId';
    r.details := CASE WHEN jsonb_typeof(ev->'details') = 'object' THEN ev->'details' END;
    r.prev_hash := prev;
    r.hash := encode(sha256(convert_to(prev || audit_canonical(r), 'UTF8')), 'hex');
    INSERT INTO audit_events SELECT r.*;
    prev := r.hash;
  END LOOP;
  UPDATE audit_chain_heads SET seq = s, hash = prev WHERE clinic_id = p_clinic AND lane = l;
  RETURN s;
END;
$$;--> statement-breakpoint
-- Still append-only. The one exception is retention: an event may go only when (1) the retention
-- switch is on in this transaction, (2) the event lies behind its lane's archive anchor and (3) it is
-- older than the access-log rule of the clinic's country (Estonia: 5 years; no rule, no removal),
-- measured on the database's own clock. A session cannot remove a young event by any setting.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
DECLARE
  keep_years int;
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(current_setting('hoidja.retention', true), '') = 'on' THEN
    keep_years := CASE (SELECT c.country FROM clinics c WHERE c.id = OLD.clinic_id) WHEN 'EE' THEN 5 END;
    IF keep_years IS NOT NULL
       AND OLD.at < now() - make_interval(years => keep_years)
       AND OLD.seq <= (SELECT h.archived_seq FROM audit_chain_heads h WHERE h.clinic_id = OLD.clinic_id AND h.lane = OLD.lane) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
