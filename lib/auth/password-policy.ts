// The password rule, safe for client code (lib/auth/password.ts pulls in the native argon2 module).
export const PASSWORD_MIN_LENGTH = 10;
