-- The canonical text of an audit event: the one definition used when appending and when verifying.
CREATE OR REPLACE FUNCTION audit_canonical(e audit_events) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(
    e.clinic_id, e.seq, floor(extract(epoch FROM e.at) * 1000)::bigint, e.actor_id, e.actor_role, e.action,
    e.entity_type, e.entity_id, e.patient_ref, e.purpose, e.reason, e.break_glass, e.outcome, e.request_id, e.details
  )::text
$$;
--> statement-breakpoint
-- Appends events to a clinic's chain in one round trip: hash = sha256(prev_hash || canonical row).
-- Locking the chain head row orders concurrent appends of the same clinic.
CREATE OR REPLACE FUNCTION audit_append(p_clinic uuid, p_events jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  ev jsonb;
  r audit_events;
  s bigint;
  prev text;
BEGIN
  INSERT INTO audit_chain_heads (clinic_id, seq, hash) VALUES (p_clinic, 0, repeat('0', 64)) ON CONFLICT (clinic_id) DO NOTHING;
  SELECT h.seq, h.hash INTO s, prev FROM audit_chain_heads h WHERE h.clinic_id = p_clinic FOR UPDATE;
  FOR ev IN SELECT value FROM jsonb_array_elements(p_events) LOOP
    s := s + 1;
    r := NULL;
    r.clinic_id := p_clinic;
    r.seq := s;
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
  UPDATE audit_chain_heads SET seq = s, hash = prev WHERE clinic_id = p_clinic;
  RETURN s;
END;
$$;
