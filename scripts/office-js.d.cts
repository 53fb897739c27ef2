export declare const CDN_OFFICE_JS: string;
export declare function packageDist(): string;
export declare function resolveOfficeJsUrl(raw: unknown): string;
export declare function contentSecurityPolicy(officeJsUrl: string): string;
export declare function hostedFolder(officeJsUrl: string, addinUrl: string): string | null;
export declare function officeJsFiles(dist?: string): [string, string][];
export declare function copyOfficeJs(target: string, dist?: string): string[];
export declare function officeJsVersion(): string;
