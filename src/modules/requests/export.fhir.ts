/**
 * The portability copy as an HL7 FHIR R4 Bundle (DESIGN.md, "Interoperability"): Patient with HL7
 * Estonia's identifier system for the isikukood, RelatedPerson, Appointment, Consent, Invoice,
 * Communication and AuditEvent. Pure: it maps the rows the export collected.
 */
type Row = Record<string, unknown>;
type Resource = Record<string, unknown> & { resourceType: string; id: string };

export const EE_PERSONAL_CODE_SYSTEM = 'https://fhir.ee/sid/pid/est/ni';

const iso = (v: unknown): string | undefined =>
  v instanceof Date ? v.toISOString() : typeof v === 'string' && v ? new Date(v).toISOString() : undefined;
const day = (v: unknown): string | undefined =>
  v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' && v ? v.slice(0, 10) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const money = (cents: unknown) => ({ value: Number(cents ?? 0) / 100, currency: 'EUR' });
const ref = (type: string, id: unknown) => ({ reference: `${type}/${id}` });
/** Drops undefined members, so the resource carries only what is known. */
function clean<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function patientResource(p: Row): Resource {
  const identifier: Record<string, unknown>[] = [];
  const code = str(p.id_code);
  if (code && p.id_country === 'EE') identifier.push({ system: EE_PERSONAL_CODE_SYSTEM, value: code });
  else if (code) identifier.push({ type: { text: 'personas kods (LV)' }, value: code });
  const telecom = [
    str(p.mobile) && { system: 'phone', value: p.mobile, use: 'mobile' },
    str(p.email) && { system: 'email', value: p.email },
  ].filter(Boolean);
  const line = str(p.address_street);
  return clean({
    resourceType: 'Patient',
    id: String(p.id),
    identifier: identifier.length ? identifier : undefined,
    active: p.status !== 'archived',
    name: [clean({ family: str(p.last_name), given: str(p.first_name) ? [p.first_name] : undefined })],
    telecom: telecom.length ? telecom : undefined,
    gender: p.sex === 'male' || p.sex === 'female' ? p.sex : p.sex ? 'other' : 'unknown',
    birthDate: day(p.birth_date),
    address: line
      ? [
          clean({
            line: [line],
            city: str(p.address_city),
            postalCode: str(p.address_postal_code),
            country: str(p.address_country),
          }),
        ]
      : undefined,
    communication: str(p.preferred_language)
      ? [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: p.preferred_language }] }, preferred: true }]
      : undefined,
  });
}

function relatedPerson(r: Row, patientId: string): Resource {
  return clean({
    resourceType: 'RelatedPerson',
    id: String(r.id),
    active: !r.ended_at,
    patient: ref('Patient', patientId),
    relationship: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
            code: r.kind === 'parent' ? 'PRN' : r.kind === 'guardian' ? 'GUARD' : 'POWATT',
          },
        ],
        text: String(r.basis ?? r.kind),
      },
    ],
    name: [clean({ family: str(r.last_name), given: str(r.first_name) ? [r.first_name] : undefined })],
    identifier:
      str(r.id_code) && r.id_country === 'EE' ? [{ system: EE_PERSONAL_CODE_SYSTEM, value: r.id_code }] : undefined,
    period: clean({ start: day(r.authority_from), end: day(r.authority_until) }),
  });
}

const appointmentStatus: Record<string, string> = {
  waiting: 'proposed',
  booked: 'booked',
  arrived: 'arrived',
  done: 'fulfilled',
  cancelled: 'cancelled',
  removed: 'cancelled',
  no_show: 'noshow',
};

function appointment(q: Row, patientId: string): Resource {
  return clean({
    resourceType: 'Appointment',
    id: String(q.id),
    status: appointmentStatus[String(q.status)] ?? 'proposed',
    start: iso(q.starts_at),
    end: iso(q.ends_at),
    created: iso(q.registered_at),
    participant: [{ actor: ref('Patient', patientId), status: 'accepted' }],
  });
}

function consent(c: Row, patientId: string): Resource {
  const permit = c.action === 'given' || c.action === 'objection_withdrawn';
  return {
    resourceType: 'Consent',
    id: String(c.id),
    status: permit ? 'active' : 'inactive',
    scope: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }], text: String(c.action) }],
    patient: ref('Patient', patientId),
    dateTime: iso(c.recorded_at),
    policyRule: { text: `purpose: ${c.purpose_key}` },
    provision: { type: permit ? 'permit' : 'deny', purpose: [{ code: String(c.purpose_key) }] },
  };
}

function invoice(i: Row, patientId: string): Resource {
  return clean({
    resourceType: 'Invoice',
    id: String(i.id),
    identifier: [{ value: String(i.number) }],
    status: 'issued',
    type: { text: String(i.kind) },
    subject: ref('Patient', patientId),
    date: iso(i.issued_at),
    totalGross: money(i.total_cents),
    totalNet: money(i.patient_cents),
  });
}

function communication(kind: string, r: Row, patientId: string, text: string, at: unknown): Resource {
  return clean({
    resourceType: 'Communication',
    id: String(r.id),
    status: 'completed',
    category: [{ text: kind }],
    subject: ref('Patient', patientId),
    sent: iso(at),
    payload: [{ contentString: text }],
  });
}

function auditEvent(a: Row, patientId: string, clinicName: string): Resource {
  const action = String(a.action);
  const verb = /\.(create|given|book)/.test(action) ? 'C' : /\.(update|move|extend|end)/.test(action) ? 'U' : 'R';
  return {
    resourceType: 'AuditEvent',
    id: String(a.id),
    type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110', display: 'Patient Record' },
    subtype: [{ code: action }],
    action: verb,
    recorded: iso(a.occurred_at ?? a.at ?? a.created_at) ?? new Date(0).toISOString(),
    outcome: a.outcome === 'denied' ? '4' : '0',
    purposeOfEvent: [{ text: String(a.purpose) }],
    agent: [{ type: { text: String(a.role ?? a.channel ?? 'system') }, requestor: true }],
    source: { observer: { display: clinicName } },
    entity: [{ what: ref('Patient', patientId) }],
  };
}

/** The Bundle (type collection) of everything the person's data maps to in FHIR R4. */
/** The FHIR resources of some rows of one table of the export (an empty list for tables FHIR has no resource for). */
export function fhirResources(table: string, rows: Row[], patientId: string, clinicName: string): Resource[] {
  switch (table) {
    case 'patients':
      return rows.map((p) => patientResource(p));
    case 'patient_representatives':
      return rows.map((r) => relatedPerson(r, patientId));
    case 'queue_entries':
      return rows.map((q) => appointment(q, patientId));
    case 'consent_events':
      return rows.map((c) => consent(c, patientId));
    case 'invoices':
      return rows.map((i) => invoice(i, patientId));
    case 'debt_notices':
      return rows.map((n) =>
        communication('debt_notice', n, patientId, String(n.text ?? n.channel ?? 'debt notice'), n.sent_at),
      );
    case 'rights_requests':
      return rows.map((r) =>
        communication(`request:${r.kind}`, r, patientId, String(r.answer ?? r.details ?? r.kind), r.created_at),
      );
    case 'audit_events':
      return rows.map((a) => auditEvent(a, patientId, clinicName));
    default:
      return [];
  }
}

/** The Bundle's opening, up to its first entry: the streamed export writes entries after it, then `]}`. */
export const bundleHead = (at: Date) =>
  `{"resourceType":"Bundle","type":"collection","timestamp":${JSON.stringify(at.toISOString())},"entry":[`;

/** One entry of the Bundle as JSON. */
export const bundleEntry = (resource: Resource) => JSON.stringify({ fullUrl: `urn:uuid:${resource.id}`, resource });
