CREATE TABLE "visitor_consent_events" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"visitor_id" text NOT NULL,
	"category" text NOT NULL,
	"action" text NOT NULL,
	"notice_version" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	CONSTRAINT "visitor_consent_events_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "trade_name" text;--> statement-breakpoint
ALTER TABLE "visitor_consent_events" ADD CONSTRAINT "visitor_consent_events_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visitor_consent_events_visitor_idx" ON "visitor_consent_events" USING btree ("clinic_id","visitor_id","category","recorded_at");--> statement-breakpoint
-- A website visitor's cookie choices are never changed or removed by hand: UPDATE, DELETE and TRUNCATE are refused.
CREATE TRIGGER visitor_consent_events_append_only BEFORE UPDATE OR DELETE ON visitor_consent_events FOR EACH ROW EXECUTE FUNCTION register_refuse_change();
--> statement-breakpoint
CREATE TRIGGER visitor_consent_events_no_truncate BEFORE TRUNCATE ON visitor_consent_events FOR EACH STATEMENT EXECUTE FUNCTION register_refuse_change();
--> statement-breakpoint
-- Registers stored before recipients had the four roles said `third_party` for a recipient that
-- decides on its own: a public body (authority, court, police, the health insurance fund, the
-- e-health system) becomes public_authority, any other independent_controller. The order of the
-- recipients is kept. (Published notice versions are immutable: they are read through the same
-- mapping, register.upgrade.ts.)
UPDATE processing_registers SET document = jsonb_set(document, '{recipients}', (
  SELECT jsonb_agg(
    CASE WHEN r->>'role' = 'third_party' THEN jsonb_set(r, '{role}', to_jsonb(
      CASE WHEN r->>'kind' IN ('authority', 'court', 'law_enforcement', 'health_insurance_fund', 'ehealth_system')
        THEN 'public_authority' ELSE 'independent_controller' END))
    ELSE r END ORDER BY e.ord)
  FROM jsonb_array_elements(document->'recipients') WITH ORDINALITY AS e(r, ord)))
WHERE jsonb_typeof(document->'recipients') = 'array'
  AND EXISTS (SELECT 1 FROM jsonb_array_elements(document->'recipients') AS x(r) WHERE x.r->>'role' = 'third_party');
