import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiResponse, api } from '../../shell/api';
import { ConsentsPanel } from '../consents/ConsentsPanel';
import { PatientRetention } from '../retention/PatientRetention';
import { PatientRightsTab } from '../rights/PatientRightsTab';
import { RestrictionBanner } from '../rights/shared';
import { BillPayersTab } from './BillPayersTab';
import { AccessHistoryTab, HistoryTab } from './HistoryTabs';
import { RepresentativesTab } from './RepresentativesTab';

export type PatientRecord = ApiResponse<'GET /api/patients/{id}'>;

type Tab = 'details' | 'representatives' | 'billPayers' | 'consents' | 'rights' | 'history' | 'access' | 'retention';

export function PatientPage({ id }: { id: string }) {
  const { t } = useTranslation('patients');
  const [record, setRecord] = useState<PatientRecord | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reason, setReason] = useState('');
  const [stated, setStated] = useState<string | undefined>();
  const [tab, setTab] = useState<Tab>('details');

  const load = useCallback(
    async (withReason?: string) => {
      try {
        setRecord(await api('GET /api/patients/{id}', { path: { id }, reason: withReason }));
        setError(null);
      } catch (err) {
        setError(err instanceof ApiError ? err : new ApiError(500, 'error', t('shell:errors.generic')));
      }
    },
    [id, t],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (error?.code === 'reason_required') {
    const open = (e: FormEvent) => {
      e.preventDefault();
      setStated(reason);
      void load(reason);
    };
    return (
      <form className="card narrow" onSubmit={open}>
        <p>{t('page.breakGlass')}</p>
        <label>
          {t('page.reason')}
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} />
        </label>
        <button className="primary" type="submit">
          {t('page.open')}
        </button>
      </form>
    );
  }
  if (error)
    return (
      <p className="error" role="alert">
        {error.status === 404 ? t('shell:errors.notFound') : error.message}
      </p>
    );
  if (!record) return <p>{t('shell:loading')}</p>;
  const p = record.patient;
  const tabs: Tab[] = [
    'details',
    'representatives',
    'billPayers',
    'consents',
    'rights',
    'history',
    'access',
    'retention',
  ];
  return (
    <section>
      <div className="spread">
        <div>
          <h1 data-testid="patient-name">
            {p.firstName} {p.lastName}
          </h1>
          <p className="muted">
            {p.birthDate}
            {p.identity.kind === 'national' ? ` · ${p.identity.code}` : ''}
            {p.status === 'archived' && (
              <>
                {' '}
                · <span className="badge">{t('page.archived')}</span>
              </>
            )}
            {record.access.breakGlass && (
              <>
                {' '}
                · <span className="badge flag">{t('page.flagged')}</span>
              </>
            )}
          </p>
        </div>
      </div>
      {p.processingRestricted && <RestrictionBanner />}
      <div className="tabs" role="tablist">
        {tabs.map((k) => (
          <button
            type="button"
            key={k}
            role="tab"
            aria-selected={tab === k}
            className={tab === k ? 'active' : ''}
            onClick={() => setTab(k)}
          >
            {k === 'consents'
              ? t('consents:tab')
              : k === 'rights'
                ? t('rights:patientTab')
                : k === 'retention'
                  ? t('retention:tab')
                  : t(`page.tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'details' && <Details record={record} reason={stated} onSaved={() => load(stated)} />}
      {tab === 'representatives' && (
        <RepresentativesTab id={id} items={record.representatives} reason={stated} onChange={() => load(stated)} />
      )}
      {tab === 'billPayers' && (
        <BillPayersTab id={id} items={record.billPayers} reason={stated} onChange={() => load(stated)} />
      )}
      {tab === 'consents' && <ConsentsPanel patientId={id} />}
      {tab === 'rights' && <PatientRightsTab patientId={id} />}
      {tab === 'history' && <HistoryTab id={id} reason={stated} />}
      {tab === 'access' && <AccessHistoryTab id={id} reason={stated} />}
      {tab === 'retention' && <PatientRetention patientId={id} reason={stated} />}
    </section>
  );
}

function Details({ record, reason, onSaved }: { record: PatientRecord; reason?: string; onSaved: () => void }) {
  const { t } = useTranslation('patients');
  const p = record.patient;
  const [editing, setEditing] = useState(false);
  const [f, setF] = useState({
    mobile: p.mobile ?? '',
    email: p.email ?? '',
    occupation: p.occupation ?? '',
    workplace: p.workplace ?? '',
    changeReason: '',
  });
  const [msg, setMsg] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('PATCH /api/patients/{id}', {
        path: { id: p.id },
        body: {
          version: p.version,
          mobile: f.mobile || null,
          email: f.email || null,
          occupation: f.occupation || null,
          workplace: f.workplace || null,
          ...(f.changeReason ? { reason: f.changeReason } : {}),
        },
        reason,
      });
      setEditing(false);
      setMsg(t('page.saved'));
      onSaved();
    } catch (err) {
      setMsg(err instanceof ApiError ? err.message : t('shell:errors.generic'));
    }
  };
  const archive = async () => {
    const why = window.prompt(t('page.archiveReason'));
    if (!why) return;
    await api('POST /api/patients/{id}/archive', { path: { id: p.id }, body: { reason: why }, reason }).catch((err) =>
      setMsg(err.message),
    );
    onSaved();
  };
  return (
    <div className="card">
      {p.identity.kind === 'national' && p.identity.warning && (
        <p className="warn">
          {t('page.warning')}: {p.identity.warning}
        </p>
      )}
      {!editing ? (
        <>
          <dl className="facts">
            <dt>{t('form.code')}</dt>
            <dd>
              {p.identity.kind === 'national'
                ? `${p.identity.code} (${p.identity.country})`
                : `${t(`form.${p.identity.documentType}`)} ${p.identity.documentNumber} (${p.identity.documentCountry})`}
            </dd>
            <dt>{t('form.birthDate')}</dt>
            <dd>{p.birthDate}</dd>
            <dt>{t('form.sex')}</dt>
            <dd>{p.sex ? t(`form.${p.sex}`) : '—'}</dd>
            <dt>{t('form.mobile')}</dt>
            <dd>{p.mobile ?? '—'}</dd>
            <dt>{t('form.email')}</dt>
            <dd>{p.email ?? '—'}</dd>
            <dt>{t('form.street')}</dt>
            <dd>
              {p.address ? `${p.address.street}, ${p.address.postalCode} ${p.address.city}, ${p.address.country}` : '—'}
            </dd>
            <dt>{t('form.language')}</dt>
            <dd>{p.preferredLanguage}</dd>
            <dt>{t('form.insurance')}</dt>
            <dd>
              {p.insurance
                ? `${t(`form.${p.insurance.status}`)}${p.insurance.insurer ? ` (${p.insurance.insurer})` : ''}`
                : '—'}
            </dd>
            <dt>{t('form.occupation')}</dt>
            <dd>{p.occupation ?? '—'}</dd>
            <dt>{t('form.workplace')}</dt>
            <dd>{p.workplace ?? '—'}</dd>
            <dt>{t('form.healthNotes')}</dt>
            <dd>
              {p.healthVisible ? (p.healthNotes ?? '—') : <span className="muted">{t('page.healthHidden')}</span>}
            </dd>
          </dl>
          <div className="row" style={{ marginTop: '1rem' }}>
            <button type="button" onClick={() => setEditing(true)}>
              {t('page.edit')}
            </button>
            {p.status === 'active' && (
              <button type="button" onClick={archive}>
                {t('page.archive')}
              </button>
            )}
          </div>
        </>
      ) : (
        <form onSubmit={save}>
          <div className="grid2">
            <label>
              {t('form.mobile')}
              <input name="mobile" value={f.mobile} onChange={(e) => setF({ ...f, mobile: e.target.value })} />
            </label>
            <label>
              {t('form.email')}
              <input name="email" value={f.email} onChange={(e) => setF({ ...f, email: e.target.value })} />
            </label>
            <label>
              {t('form.occupation')}
              <input
                name="occupation"
                value={f.occupation}
                onChange={(e) => setF({ ...f, occupation: e.target.value })}
              />
            </label>
            <label>
              {t('form.workplace')}
              <input name="workplace" value={f.workplace} onChange={(e) => setF({ ...f, workplace: e.target.value })} />
            </label>
          </div>
          <label>
            {t('page.changeReason')}
            <input
              name="changeReason"
              value={f.changeReason}
              onChange={(e) => setF({ ...f, changeReason: e.target.value })}
            />
          </label>
          <div className="row">
            <button className="primary" type="submit">
              {t('shell:save')}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('shell:cancel')}
            </button>
          </div>
        </form>
      )}
      {msg && <p role="status">{msg}</p>}
    </div>
  );
}
