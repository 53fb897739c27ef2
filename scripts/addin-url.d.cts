export declare const DEV_URL: string;
export declare function resolveAddinUrl(raw: unknown): string | null;
export declare function rewriteUrls(text: string, base: string): string;
