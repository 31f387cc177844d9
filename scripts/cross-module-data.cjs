/**
 * The repositories that may read or write another module's tables, each with its reason. Everywhere
 * else a module reaches another module's data only through that module's service or its `*.reads.ts`
 * (dependency-cruiser's `no-other-modules-tables` rule for imported tables; test/table-ownership.test.ts
 * for table names written in SQL text). Adding a line here is a design decision: say why.
 */
module.exports = {
  'src/modules/retention/retention.repository.ts':
    "the one deletion path: the register-driven retention engine deletes and anonymises every module's personal data under hoidja.retention = 'on'; no module deletes its own",
  'src/modules/requests/requests.repository.ts':
    "the Art. 15 copy reads every table of the export catalogue (requests.export.catalogue.ts) by name; a test fails when a personal-data table is missing from it",
  'src/modules/research/research.repository.ts':
    'the research extract reads patients, visits and consents in one statement, so the pseudonymised snapshot is consistent; it returns no identifiers',
  'src/modules/access-review/access-review.repository.ts':
    'the access review is one analytic query over the audit log and the care team at the time of each access',
};
