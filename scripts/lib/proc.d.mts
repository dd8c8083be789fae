export declare const root: string;
export function freePort(): Promise<number>;
export function isListening(port: number, host?: string, timeoutMs?: number): Promise<boolean>;
export function waitFor(probe: () => Promise<boolean> | boolean, options: { timeoutMs: number; intervalMs?: number }): Promise<boolean>;
