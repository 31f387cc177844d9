import { countryName, type Wording } from './notice.wording';
import { ru } from './notice.wording.ru';

/**
 * Russian as a Latvian clinic writes it. Latvian law's terms are not Estonia's: the GDPR's
 * "pārzinis" and "apstrādātājs" are "контролёр" and "обработчик" (Estonian Russian says
 * "ответственный / уполномоченный обработчик"), a company has a "регистрационный номер" and an
 * authority is a "государственная институция". Everything else is the common Russian wording.
 */
export const ruLv: Wording = {
  ...ru,
  headings: { ...ru.headings, controller: '1. Контролёр', processors: 'Обработчики, действующие по нашим указаниям' },
  intro: (c, pl) =>
    `Настоящая информация разъясняет, как ${c} (далее – «мы») ${pl ? 'обрабатывают' : 'обрабатывает'} персональные данные пациентов и других лиц в соответствии с Регламентом (ЕС) 2016/679 Европейского парламента и Совета (Общий регламент по защите данных, далее – GDPR) и национальными актами Латвии, принятыми для его применения. Мы являемся контролёром (pārzinis) ваших персональных данных.`,
  labels: { ...ru.labels, controllers: 'Контролёр' },
  joint: (a) =>
    `Указанные выше предприятия являются совместными контролёрами в смысле статьи 26 GDPR. Суть их соглашения: ${a} Вы можете осуществлять свои права в отношении любого из них.`,
  processorsNote:
    'Обработчики (apstrādātāji) обрабатывают персональные данные только по нашим документированным указаниям на основании договора, отвечающего статье 28 GDPR, и применяют надлежащие меры безопасности.',
  thirdPartiesNote:
    'Эти получатели обрабатывают полученные данные как самостоятельные контролёры на основании закона или договора с вами.',
  rights: {
    ...ru.rights,
    portability: [
      'Право на переносимость данных',
      'получить предоставленные вами данные, обрабатываемые на основании согласия или договора, в структурированном, общепринятом и машиночитаемом формате и потребовать их передачи другому контролёру.',
    ],
  },
  recipientFacts(f) {
    const role = {
      processor: '',
      independent_controller: 'самостоятельный контролёр',
      public_authority: 'государственная институция',
      joint_controller: 'совместный контролёр',
    }[f.role];
    // A recipient's own register decides the name of its code: an Estonian company has a "регистрационный код".
    return [
      role,
      f.registryCode ? `${f.country === 'EE' ? 'регистрационный код' : 'регистрационный номер'} ${f.registryCode}` : '',
      f.foreign ? countryName('ru', f.country) : '',
      f.contractDate ? `договор об обработке данных от ${ru.date(f.contractDate)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
  },
};
