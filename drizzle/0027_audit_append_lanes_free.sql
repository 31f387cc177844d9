-- audit_append, cheaper and without waiting on a shared lane (issue 13). The chain is unchanged:
-- every lane is its own hash chain, hash = sha256(prev_hash || audit_canonical(row)), event numbers
-- from one sequence, increasing within a lane; `audit verify` reads it as before.
-- 1. A lane is this connection's (backend pid modulo 32) only while no other transaction holds it.
--    Two pool connections whose pids share a lane used to wait for each other's COMMIT; now the
--    second takes any free lane of the clinic (SKIP LOCKED), and when every lane is busy it opens
--    a new one (up to 64 lanes per clinic) before it would wait.
-- 2. The events are read from the JSON once (jsonb_to_recordset, not thirteen look-ups each) and
--    stored by one INSERT for the whole batch instead of one per event (a queue list appends 200).
CREATE OR REPLACE FUNCTION audit_append(p_clinic uuid, p_events jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  ev record;
  r audit_events;
  rs audit_events[] := '{}';
  s bigint;
  prev text;
  l smallint := (pg_backend_pid() % 32)::smallint;
BEGIN
  -- This connection's lane, when no other transaction holds it (this transaction may, from an earlier append).
  SELECT h.hash INTO prev FROM audit_chain_heads h WHERE h.clinic_id = p_clinic AND h.lane = l FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    IF EXISTS (SELECT 1 FROM audit_chain_heads h WHERE h.clinic_id = p_clinic AND h.lane = l) THEN
      -- Another connection sharing the lane holds it until its COMMIT: any free lane of the clinic will do.
      SELECT h.lane, h.hash INTO l, prev FROM audit_chain_heads h
        WHERE h.clinic_id = p_clinic ORDER BY h.lane FOR UPDATE SKIP LOCKED LIMIT 1;
      IF NOT FOUND THEN
        -- Every lane is busy: open one more, or (at 64) wait for this connection's own.
        l := coalesce((SELECT CASE WHEN max(h.lane) < 63 THEN max(h.lane) + 1 END
                       FROM audit_chain_heads h WHERE h.clinic_id = p_clinic), l)::smallint;
        INSERT INTO audit_chain_heads (clinic_id, lane, seq, hash) VALUES (p_clinic, l, 0, repeat('0', 64))
          ON CONFLICT (clinic_id, lane) DO NOTHING;
        SELECT h.hash INTO prev FROM audit_chain_heads h WHERE h.clinic_id = p_clinic AND h.lane = l FOR UPDATE;
      END IF;
    ELSE
      INSERT INTO audit_chain_heads (clinic_id, lane, seq, hash) VALUES (p_clinic, l, 0, repeat('0', 64))
        ON CONFLICT (clinic_id, lane) DO NOTHING;
      SELECT h.hash INTO prev FROM audit_chain_heads h WHERE h.clinic_id = p_clinic AND h.lane = l FOR UPDATE;
    END IF;
  END IF;
  FOR ev IN
    SELECT * FROM jsonb_to_recordset(p_events) AS x(
      "at" timestamptz, "actorId" uuid, "actorRole" text, "action" text, "entityType" text, "entityId" text,
      "patientRef" uuid, "purpose" text, "reason" text, "breakGlass" boolean, "outcome" text, "requestId" text,
      "details" jsonb)
  LOOP
    -- The number is taken with the lane held: numbers increase along every lane.
    s := nextval('audit_events_seq');
    r := NULL;
    r.clinic_id := p_clinic;
    r.seq := s;
    r.lane := l;
    r.at := ev."at";
    r.actor_id := ev."actorId";
    r.actor_role := ev."actorRole";
    r.action := ev."action";
    r.entity_type := ev."entityType";
    r.entity_id := ev."entityId";
    r.patient_ref := ev."patientRef";
    r.purpose := ev."purpose";
    r.reason := ev."reason";
    r.break_glass := coalesce(ev."breakGlass", false);
    r.outcome := ev."outcome";
    r.request_id := ev."requestId";
    r.details := CASE WHEN jsonb_typeof(ev."details") = 'object' THEN ev."details" END;
    r.prev_hash := prev;
    r.hash := encode(sha256(convert_to(prev || audit_canonical(r), 'UTF8')), 'hex');
    rs := array_append(rs, r);
    prev := r.hash;
  END LOOP;
  IF s IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO audit_events SELECT * FROM unnest(rs);
  UPDATE audit_chain_heads SET seq = s, hash = prev WHERE clinic_id = p_clinic AND lane = l;
  RETURN s;
END;
$$;
