import { defineModule } from '../../platform/module';
import { registerBillingCommands } from './billing.commands';
import { seedDemoPriceList } from './billing.demo';
import { billingRoutes } from './billing.routes';
import { type BillingServiceDeps, createBillingService } from './billing.service';

/** Price list, services rendered, invoices with the Health Insurance Fund's dental benefit, payments and debts. */
export const billingModule = defineModule({
  name: 'billing',
  create(deps: BillingServiceDeps) {
    const billing = createBillingService(deps);
    return {
      services: { billing },
      routes: billingRoutes(billing),
      seedDemo: ({ admin }) => seedDemoPriceList(billing, admin),
    };
  },
  // The quote is arithmetic on the rule tables: it needs neither the database nor the server.
  commands: (program) => registerBillingCommands(program),
});
