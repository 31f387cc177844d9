import { addCalendarMonths } from '../../rules/rights-deadlines';
import { supervisoryAuthorities } from '../../rules/supervisory-authorities';
import type { RequestEventRow, RightsRequestRow } from './requests.repository';
import type { RequestChannel } from './requests.schema';

/** The clinic's day and country, as a request's view needs them. */
export interface Day {
  date: string;
  country: string;
}

/** A request as answered over the API: its clock, its state, the authority named in a refusal, its timeline. */
export function view(r: RightsRequestRow, events: RequestEventRow[], day: Day, patientName: string | null = null) {
  const today = day.date;
  const effectiveDueOn = r.extendedDueOn ?? r.dueOn;
  const open = r.status === 'open' || r.status === 'waiting_on_person';
  return {
    id: r.id,
    patientId: r.patientId,
    /** For staff lists: who the request is about (null in the person's own portal). */
    patientName,
    representativeId: r.representativeId,
    kind: r.kind,
    channel: r.channel,
    answerChannel: r.answerChannel as RequestChannel,
    language: r.language,
    receivedOn: r.receivedOn,
    identityCheck: r.identityCheck,
    identityNote: r.identityNote,
    details: r.details,
    purposeKeys: r.purposeKeys,
    clockRule: r.clockRule,
    dueOn: r.dueOn,
    extendedDueOn: r.extendedDueOn,
    /** The latest day an extension could still reach (while none is recorded). */
    extendableUntil: r.extendedDueOn ? null : addCalendarMonths(r.dueOn, 2),
    effectiveDueOn,
    extensionReasons: r.extensionReasons,
    extensionNoticeOn: r.extensionNoticeOn,
    status: r.status,
    overdue: open ? today > effectiveDueOn : (r.closedOn ?? today) > effectiveDueOn,
    refusalReason: r.refusalReason,
    /** Named in every refusal: where the person may complain. */
    complaintAuthority: r.status === 'refused' ? complaintAuthority(day.country) : null,
    answer: r.answer,
    closedOn: r.closedOn,
    liftedOn: r.liftedOn,
    timeline: events.map((e) => ({
      kind: e.kind,
      at: e.at,
      actorRole: e.actorRole,
      actorId: e.actorId,
      note: e.note,
      data: e.data ?? null,
    })),
  };
}

/** The supervisory authority a refused person may complain to, for the clinic's country. */
function complaintAuthority(country: string) {
  const a = supervisoryAuthorities[country === 'LV' ? 'LV' : 'EE'];
  return {
    name: a.officialName,
    address: `${a.street}, ${a.postalCode} ${a.city}`,
    email: a.email,
    website: a.website,
  };
}
