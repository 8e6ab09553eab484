module.exports = async function globalTeardown() {
  if (globalThis.__DISTRICT_PG__) await globalThis.__DISTRICT_PG__.stop();
};
