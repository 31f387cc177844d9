import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { ProfessionalsCard, ServicesCard } from './ResourceCards';
import type { Absence, Catalogue } from './setup.types';
import { AbsencesCard, SchedulesCard } from './TimeCards';

const today = () => new Date().toISOString().slice(0, 10);
const plusDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The clinic's setup: professionals, services, working hours and absences, each with its add form. */
export function SetupPage() {
  const { t } = useTranslation('setup');
  const [cat, setCat] = useState<Catalogue | null>(null);
  const [absences, setAbsences] = useState<Absence[]>([]);
  const load = useCallback(async () => {
    setCat(await api('GET /api/queue/catalogue'));
    setAbsences(
      (await api('GET /api/queue/exceptions', { query: { from: today(), to: plusDays(today(), 90) } })).items,
    );
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  if (!cat) return <p>{t('shell:loading')}</p>;
  const proName = (id: string | null) => {
    const p = cat.professionals.find((x) => x.id === id);
    return p ? `${p.firstName} ${p.lastName}` : t('wholeClinic');
  };
  const proOptions = cat.professionals
    .filter((p) => p.active)
    .map((p) => (
      <option key={p.id} value={p.id}>
        {p.firstName} {p.lastName}
      </option>
    ));
  const card = { cat, reload: load, proName };

  return (
    <section>
      <h1>{t('title')}</h1>
      <ProfessionalsCard {...card} />
      <ServicesCard {...card} />
      <SchedulesCard {...card} proOptions={proOptions} />
      <AbsencesCard absences={absences} reload={load} proName={proName} proOptions={proOptions} />
    </section>
  );
}
