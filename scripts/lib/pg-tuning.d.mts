export declare const GIN_FIELDS: Record<string, string[]>;
export function tunePostgresForFerretDB(postgresqlUrl: string, database: string): Promise<number>;
