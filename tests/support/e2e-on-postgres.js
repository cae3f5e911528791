// Selects PostgreSQL for every server the e2e suites start (see startApp in app.ts).
process.env.E2E_STORE = 'postgres';
