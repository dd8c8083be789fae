import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { THEME_SCRIPT } from "@/lib/preferences/theme";
import { NONCE_HEADER } from "@/lib/core/tenancy/internal-headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "DealCycle", template: "%s · DealCycle" },
  description: "The CRM for real-estate wholesalers: leads, cash buyers and deals in one place.",
  // public/: served on every host (proxy.ts leaves these paths alone), so a rep can add their
  // workspace to a phone's home screen from its own address.
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [{ url: "/favicon.svg", type: "image/svg+xml" }, { url: "/icons/icon-192.png", sizes: "192x192", type: "image/png" }],
    apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180" }],
  },
  appleWebApp: { capable: true, title: "DealCycle", statusBarStyle: "default" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1f57d6" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // This request's CSP nonce (proxy.ts): without it the browser refuses the inline theme script.
  // Reading it renders every page per request, which a nonce needs anyway: a page prerendered at
  // build time would carry no nonce, and the CSP would block Next.js's scripts on it.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    // The theme script sets `dark` on <html> before the first paint, so the server's markup differs.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
