"use client";

import { signOut } from "next-auth/react";

/** Ends the root host's session (workspace sessions end from each workspace's own menu). */
export function RootSignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: "/" })} className="font-medium text-brand-600 underline">
      Sign out
    </button>
  );
}
