// Fixed ports for the browser tests: the web build has the server's URL compiled in
// (REACT_APP_API_URL), so the server under test must listen where the build expects it.
// They are away from the dev ports (3000/3001) so tests can run while `npm start` is up.
export const E2E_WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3310);
export const E2E_SERVER_PORT = Number(process.env.E2E_SERVER_PORT ?? 3311);
export const E2E_WEB_URL = `http://localhost:${E2E_WEB_PORT}`;
export const E2E_SERVER_URL = `http://localhost:${E2E_SERVER_PORT}`;
