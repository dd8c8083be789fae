// Where a US phone number's area code is: its state and the time zones it may ring in. A compact
// table of our own (NANP assignments as of 2025, overlays included); numbers move with their owners,
// so it is one of several location sources and never loosens what the address says.

const ET = "America/New_York";
const CT = "America/Chicago";
const MT = "America/Denver";
const AZ = "America/Phoenix";
const PT = "America/Los_Angeles";

/** Each state's area codes and the zone most of it keeps. */
const STATES: Record<string, { zone: string; codes: string }> = {
  AL: { zone: CT, codes: "205 251 256 334 483 659 938" },
  AK: { zone: "America/Anchorage", codes: "907" },
  AZ: { zone: AZ, codes: "480 520 602 623 928" },
  AR: { zone: CT, codes: "327 479 501 870" },
  CA: { zone: PT, codes: "209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 738 747 760 805 818 820 831 837 840 858 909 916 925 949 951" },
  CO: { zone: MT, codes: "303 719 720 748 970 983" },
  CT: { zone: ET, codes: "203 475 860 959" },
  DE: { zone: ET, codes: "302" },
  DC: { zone: ET, codes: "202 771" },
  FL: { zone: ET, codes: "239 305 321 324 352 386 407 448 561 645 656 689 727 728 754 772 786 813 850 863 904 941 954" },
  GA: { zone: ET, codes: "229 404 470 478 678 706 762 770 912 943" },
  HI: { zone: "Pacific/Honolulu", codes: "808" },
  ID: { zone: MT, codes: "208 986" },
  IL: { zone: CT, codes: "217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 861 872" },
  IN: { zone: ET, codes: "219 260 317 463 574 765 812 930" },
  IA: { zone: CT, codes: "319 515 563 641 712" },
  KS: { zone: CT, codes: "316 620 785 913" },
  KY: { zone: ET, codes: "270 364 502 606 859" },
  LA: { zone: CT, codes: "225 318 337 457 504 985" },
  ME: { zone: ET, codes: "207" },
  MD: { zone: ET, codes: "227 240 301 410 443 667" },
  MA: { zone: ET, codes: "339 351 413 508 617 774 781 857 978" },
  MI: { zone: ET, codes: "231 248 269 313 517 586 616 679 734 810 906 947 989" },
  MN: { zone: CT, codes: "218 320 507 612 651 763 924 952" },
  MS: { zone: CT, codes: "228 601 662 769" },
  MO: { zone: CT, codes: "235 314 417 557 573 636 660 816 975" },
  MT: { zone: MT, codes: "406" },
  NE: { zone: CT, codes: "308 402 531" },
  NV: { zone: PT, codes: "702 725 775" },
  NH: { zone: ET, codes: "603" },
  NJ: { zone: ET, codes: "201 551 609 640 732 848 856 862 908 973" },
  NM: { zone: MT, codes: "505 575" },
  NY: { zone: ET, codes: "212 315 329 332 347 363 516 518 585 607 624 631 646 680 716 718 838 845 914 917 929 934" },
  NC: { zone: ET, codes: "252 336 472 704 743 828 910 919 980 984" },
  ND: { zone: CT, codes: "701" },
  OH: { zone: ET, codes: "216 220 234 283 326 330 380 419 436 440 513 567 614 740 937" },
  OK: { zone: CT, codes: "405 539 572 580 918" },
  OR: { zone: PT, codes: "458 503 541 971" },
  PA: { zone: ET, codes: "215 223 267 272 412 445 484 570 582 610 717 724 814 835 878" },
  RI: { zone: ET, codes: "401" },
  SC: { zone: ET, codes: "803 821 839 843 854 864" },
  SD: { zone: CT, codes: "605" },
  TN: { zone: CT, codes: "423 615 629 731 865 901 931" },
  TX: { zone: CT, codes: "210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 915 936 940 945 956 972 979" },
  UT: { zone: MT, codes: "385 435 801" },
  VT: { zone: ET, codes: "802" },
  VA: { zone: ET, codes: "276 434 540 571 686 703 757 804 826 948" },
  WA: { zone: PT, codes: "206 253 360 425 509 564" },
  WV: { zone: ET, codes: "304 681" },
  WI: { zone: CT, codes: "262 274 353 414 534 608 715 920" },
  WY: { zone: MT, codes: "307" },
};

/** Area codes that ring in another zone than their state's, or straddle a zone line (every zone listed). */
const ZONE_EXCEPTIONS: Record<string, string[]> = {
  "850": [CT, ET], "448": [CT, ET], // Florida's panhandle
  "915": [MT], // El Paso
  "270": [CT, ET], "364": [CT, ET], // western Kentucky
  "423": [ET], "865": [ET], "931": [CT, ET], // east Tennessee
  "219": [CT], "812": [ET, CT], "930": [ET, CT], // Indiana's corners
  "906": [ET, CT], // Michigan's Upper Peninsula
  "620": [CT, MT], "785": [CT, MT], // western Kansas
  "308": [CT, MT], // western Nebraska
  "701": [CT, MT], "605": [CT, MT], // the Dakotas
  "208": [MT, PT], "986": [MT, PT], // northern Idaho
  "541": [PT, MT], "458": [PT, MT], // eastern Oregon
};

export type AreaCodeLocation = { state: string; zones: string[] };

const BY_CODE: Map<string, AreaCodeLocation> = new Map(
  Object.entries(STATES).flatMap(([state, { zone, codes }]) => codes.split(" ").map((code) => [code, { state, zones: ZONE_EXCEPTIONS[code] ?? [zone] }] as const)),
);

/** The state and zones of a +1 number's area code, or null (not US, or not in the table). */
export function locateAreaCode(e164: string): AreaCodeLocation | null {
  const m = /^\+1(\d{3})\d{7}$/.exec(e164);
  return (m && BY_CODE.get(m[1])) ?? null;
}

/** The zones a state's people may be in (its own and those of its straddling area codes). */
export function zonesOfState(state: string): string[] {
  const entry = STATES[state];
  if (!entry) return [];
  const zones = new Set([entry.zone]);
  for (const code of entry.codes.split(" ")) for (const z of ZONE_EXCEPTIONS[code] ?? []) zones.add(z);
  return [...zones];
}

/** Every zone a US number could ring in: used when nothing says where the person is. */
export const ALL_US_ZONES = [ET, CT, MT, AZ, PT, "America/Anchorage", "Pacific/Honolulu"];

export function isUsState(state: string): boolean {
  return state in STATES;
}
