export const E2E_WEB_PORT: number;
export const E2E_SERVER_PORT: number;
export const E2E_WEB_URL: string;
export const E2E_SERVER_URL: string;
