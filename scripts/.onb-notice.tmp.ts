import { readFileSync } from 'node:fs';
import { parseRegister } from '../src/modules/register/register.import';
import { buildNotice } from '../src/modules/notices/notice.build';
import { renderMarkdown } from '../src/modules/notices/notice.render';
const reg = parseRegister(readFileSync(process.argv[2]!, 'utf8'), process.argv[2]);
for (const l of (process.argv[3] ?? 'et').split(',')) console.log(renderMarkdown(buildNotice(reg, l as never)));
