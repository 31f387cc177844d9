import { useTranslation } from 'react-i18next';
import type { WebFeature } from '../../shell/feature';
import { Link } from '../../shell/router';
import { ConsentsPanel } from './ConsentsPanel';
import { consentsStrings } from './consents.i18n';

function ConsentsPage({ id }: { id: string }) {
  const { t } = useTranslation('consents');
  return (
    <div>
      <p>
        <Link to={`/patients/${id}`}>← {t('back')}</Link>
      </p>
      <ConsentsPanel patientId={id} />
    </div>
  );
}

export const feature: WebFeature = {
  id: 'consents',
  routes: [{ path: '/patients/:id/consents', render: ({ id }) => <ConsentsPage id={id!} /> }],
  i18n: consentsStrings,
};
