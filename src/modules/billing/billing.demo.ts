import type { AccessContext } from '../../platform/access';
import type { BillingService } from './billing.service';

/** A dental price list (typical Estonian services; the Fund's benefit applies to the essential ones). */
export async function seedDemoPriceList(billing: Pick<BillingService, 'addPriceItem'>, ctx: AccessContext) {
  const items = [
    {
      code: 'VISIT',
      kind: 'visit_fee' as const,
      price: '5.00',
      benefitEligible: false,
      names: { et: 'Visiiditasu', lv: 'Vizītes maksa', en: 'Visit fee', ru: 'Плата за визит' },
    },
    {
      code: 'EXAM',
      price: '35.00',
      benefitEligible: true,
      names: {
        et: 'Hambaarsti läbivaatus',
        lv: 'Zobārsta apskate',
        en: 'Dental examination',
        ru: 'Осмотр стоматолога',
      },
    },
    {
      code: 'XRAY',
      price: '15.00',
      benefitEligible: true,
      names: {
        et: 'Hamba röntgenülesvõte',
        lv: 'Zoba rentgenuzņēmums',
        en: 'Dental X-ray',
        ru: 'Рентгеновский снимок зуба',
      },
    },
    {
      code: 'FILL',
      price: '65.00',
      benefitEligible: true,
      names: {
        et: 'Plomb (üks pind)',
        lv: 'Plomba (viena virsma)',
        en: 'Filling (one surface)',
        ru: 'Пломба (одна поверхность)',
      },
    },
    {
      code: 'EXTR',
      price: '55.00',
      benefitEligible: true,
      names: { et: 'Hamba eemaldamine', lv: 'Zoba ekstrakcija', en: 'Tooth extraction', ru: 'Удаление зуба' },
    },
    {
      code: 'HYG',
      price: '70.00',
      benefitEligible: false,
      names: {
        et: 'Suuhügieeniprotseduur',
        lv: 'Mutes higiēnas procedūra',
        en: 'Dental hygiene treatment',
        ru: 'Профессиональная гигиена полости рта',
      },
    },
    {
      code: 'CROWN',
      kind: 'prosthesis' as const,
      price: '420.00',
      benefitEligible: true,
      names: {
        et: 'Metallkeraamiline kroon',
        lv: 'Metālkeramikas kronis',
        en: 'Metal-ceramic crown',
        ru: 'Металлокерамическая коронка',
      },
    },
  ];
  for (const item of items) await billing.addPriceItem(ctx, { validFrom: '2024-01-01', ...item });
}
