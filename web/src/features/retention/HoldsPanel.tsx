import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { Scroll, useErrorText } from './common';

type Hold = ApiResponse<'GET /api/retention/holds'>['items'][number];
const kinds = ['incident', 'dispute', 'authority_request'] as const;
const targets = [
  'accounting',
  'patient_record',
  'booking_requests',
  'portal_access',
  'staff_sessions',
  'outbox',
  'recordings',
  'access_log',
] as const;

/** Long option texts may not widen the form past a phone's screen. */
const fit = { width: '100%', minWidth: 0 } as const;

const empty = { kind: 'incident' as Hold['kind'], reason: '', owner: '', target: '', endsOn: '' };

/**
 * Legal holds: each with its reason, owner and end; while in force no run deletes what it covers.
 * On the patient page (`patientId`) it lists and places the holds of that one patient.
 */
export function HoldsPanel({ onChange, patientId }: { onChange: () => void; patientId?: string }) {
  const { t } = useTranslation('retention');
  const errorText = useErrorText();
  const [items, setItems] = useState<Hold[]>([]);
  const [f, setF] = useState(empty);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(
    async () =>
      setItems((await api('GET /api/retention/holds')).items.filter((h) => !patientId || h.patientId === patientId)),
    [patientId],
  );
  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);

  const place = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST /api/retention/holds', {
        body: {
          kind: f.kind,
          reason: f.reason,
          owner: f.owner,
          target: (f.target || null) as (typeof targets)[number] | null,
          patientId: patientId ?? null,
          endsOn: f.endsOn || null,
        },
      });
      setF(empty);
      setMessage(t('holds.placed'));
      await load();
      onChange();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const release = async (h: Hold) => {
    if (!window.confirm(t('holds.confirmRelease', { reason: h.reason }))) return;
    try {
      await api('POST /api/retention/holds/{id}/release', { path: { id: h.id }, body: {} });
      setMessage(t('holds.released'));
      await load();
      onChange();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div className="card">
      <h2>{t(patientId ? 'holds.patientTitle' : 'holds.title')}</h2>
      <p className="hint">{t('holds.intro')}</p>
      {items.length === 0 ? (
        <p className="muted">{t('holds.none')}</p>
      ) : (
        <Scroll>
          <table data-testid="holds">
            <thead>
              <tr>
                <th>{t('holds.kind')}</th>
                <th>{t('holds.reason')}</th>
                <th>{t('holds.owner')}</th>
                <th>{t('holds.covers')}</th>
                <th>{t('holds.period')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((h) => (
                <tr key={h.id}>
                  <td>{t(`holds.kinds.${h.kind}`)}</td>
                  <td>{h.reason}</td>
                  <td>{h.owner}</td>
                  <td>
                    {h.target ? t(`targets.${h.target}`) : t('holds.everything')}
                    {h.patientId && <div className="muted">{t('holds.onePatient')}</div>}
                    {h.recordingId && <div className="muted">{t('holds.oneRecording')}</div>}
                  </td>
                  <td>
                    {h.startsOn} – {h.endsOn ?? t('holds.open')}
                  </td>
                  <td>
                    {h.releasedAt ? (
                      <span className="badge">{t('holds.releasedBadge')}</span>
                    ) : (
                      <button type="button" className="link" onClick={() => release(h)}>
                        {t('holds.release')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      <form onSubmit={place}>
        <h3>{t('holds.add')}</h3>
        <div className="grid3">
          <label style={fit}>
            {t('holds.kind')}
            <select
              style={fit}
              name="holdKind"
              value={f.kind}
              onChange={(e) => setF({ ...f, kind: e.target.value as Hold['kind'] })}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`holds.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label style={fit}>
            {t('holds.covers')}
            <select
              style={fit}
              name="holdTarget"
              value={f.target}
              onChange={(e) => setF({ ...f, target: e.target.value })}
            >
              <option value="">{t('holds.everything')}</option>
              {targets.map((k) => (
                <option key={k} value={k}>
                  {t(`targets.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label style={fit}>
            {t('holds.endsOn')}
            <input
              name="holdEndsOn"
              type="date"
              value={f.endsOn}
              onChange={(e) => setF({ ...f, endsOn: e.target.value })}
            />
          </label>
        </div>
        <div className="grid2">
          <label style={fit}>
            {t('holds.reason')}
            <input
              name="holdReason"
              value={f.reason}
              onChange={(e) => setF({ ...f, reason: e.target.value })}
              required
              minLength={3}
            />
          </label>
          <label style={fit}>
            {t('holds.owner')}
            <input name="holdOwner" value={f.owner} onChange={(e) => setF({ ...f, owner: e.target.value })} required />
          </label>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {t('holds.place')}
        </button>
      </form>
    </div>
  );
}
