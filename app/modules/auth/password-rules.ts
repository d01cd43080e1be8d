// Shared by the server's validation and the forms' hints (plain .ts: the UI imports it).
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;
