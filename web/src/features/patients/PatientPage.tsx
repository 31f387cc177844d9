import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiResponse, api } from '../../shell/api';
import { formatDay } from '../../shell/format';
import { Link } from '../../shell/router';
import { ConsentsPanel } from '../consents/ConsentsPanel';
import { PatientRetention } from '../retention/PatientRetention';
import { PatientRightsTab } from '../rights/PatientRightsTab';
import { RestrictionBanner } from '../rights/shared';
import { BillPayersTab } from './BillPayersTab';
import { AccessHistoryTab, HistoryTab } from './HistoryTabs';
import { PatientDetails } from './PatientDetails';
import { RepresentativesTab } from './RepresentativesTab';
import { VisitsTab } from './VisitsTab';

export type PatientRecord = ApiResponse<'GET /api/patients/{id}'>;

type Tab =
  | 'details'
  | 'visits'
  | 'representatives'
  | 'billPayers'
  | 'consents'
  | 'rights'
  | 'history'
  | 'access'
  | 'retention';

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
    'visits',
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
            {formatDay(p.birthDate)}
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
        {p.status === 'active' && (
          <Link to={`/calendar?patient=${id}`} className="button primary">
            {t('record.book')}
          </Link>
        )}
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
                  : k === 'visits'
                    ? t('record.tab')
                    : t(`page.tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'details' && <PatientDetails record={record} reason={stated} onSaved={() => load(stated)} />}
      {tab === 'visits' && <VisitsTab id={id} reason={stated} />}
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
