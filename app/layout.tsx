import type { Metadata, Viewport } from "next";
import { THEME_SCRIPT } from "@/lib/preferences/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "DealCycle", template: "%s · DealCycle" },
  description: "The CRM for real-estate wholesalers: leads, cash buyers and deals in one place.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The theme script sets `dark` on <html> before the first paint, so the server's markup differs.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
