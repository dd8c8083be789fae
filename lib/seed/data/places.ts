// Real city / county / ZIP / area-code combinations for the metros the demo companies buy in.
// `value` is a typical after-repair value (USD) of the houses wholesalers chase there; `weight`
// is the city's share of a company's leads.

export type City = {
  city: string;
  state: string;
  county: string;
  zips: readonly string[];
  areaCodes: readonly string[];
  value: number;
  weight: number;
  timezone: string;
  /** Hours from UTC in standard time (daylight saving is ignored: demo texts only need plausible hours). */
  utcOffset: number;
};

const TX = { state: "TX", timezone: "America/Chicago", utcOffset: -6 };
const FL = { state: "FL", timezone: "America/New_York", utcOffset: -5 };
const GA = { state: "GA", timezone: "America/New_York", utcOffset: -5 };
const OH = { state: "OH", timezone: "America/New_York", utcOffset: -5 };
const AZ = { state: "AZ", timezone: "America/Phoenix", utcOffset: -7 };

// Acme Home Buyers (Houston) works Texas, Florida and Georgia.
export const ACME_CITIES: readonly City[] = [
  { ...TX, city: "Houston", county: "Harris", zips: ["77016", "77021", "77026", "77028", "77033", "77051", "77087", "77093"], areaCodes: ["713", "281", "832", "346"], value: 185_000, weight: 16 },
  { ...TX, city: "Pasadena", county: "Harris", zips: ["77502", "77503", "77506"], areaCodes: ["713", "281", "832"], value: 210_000, weight: 4 },
  { ...TX, city: "Baytown", county: "Harris", zips: ["77520", "77521"], areaCodes: ["281", "832"], value: 200_000, weight: 2 },
  { ...TX, city: "Dallas", county: "Dallas", zips: ["75211", "75212", "75216", "75217", "75227", "75228", "75241"], areaCodes: ["214", "469", "972"], value: 240_000, weight: 11 },
  { ...TX, city: "Garland", county: "Dallas", zips: ["75040", "75041", "75042", "75043"], areaCodes: ["972", "469", "214"], value: 270_000, weight: 3 },
  { ...TX, city: "Fort Worth", county: "Tarrant", zips: ["76105", "76106", "76112", "76115", "76119", "76133"], areaCodes: ["817", "682"], value: 220_000, weight: 7 },
  { ...TX, city: "Arlington", county: "Tarrant", zips: ["76010", "76011", "76014", "76015"], areaCodes: ["817", "682"], value: 260_000, weight: 3 },
  { ...TX, city: "San Antonio", county: "Bexar", zips: ["78201", "78207", "78210", "78211", "78214", "78223", "78228", "78237"], areaCodes: ["210", "726"], value: 190_000, weight: 9 },
  { ...FL, city: "Tampa", county: "Hillsborough", zips: ["33604", "33605", "33610", "33612", "33614", "33619"], areaCodes: ["813", "656"], value: 290_000, weight: 7 },
  { ...FL, city: "St. Petersburg", county: "Pinellas", zips: ["33705", "33711", "33712", "33713", "33714"], areaCodes: ["727"], value: 300_000, weight: 3 },
  { ...FL, city: "Clearwater", county: "Pinellas", zips: ["33755", "33756", "33765"], areaCodes: ["727"], value: 310_000, weight: 2 },
  { ...FL, city: "Orlando", county: "Orange", zips: ["32805", "32808", "32811", "32818", "32822", "32839"], areaCodes: ["407", "689", "321"], value: 300_000, weight: 6 },
  { ...FL, city: "Kissimmee", county: "Osceola", zips: ["34741", "34743", "34744", "34746"], areaCodes: ["407", "689", "321"], value: 320_000, weight: 2 },
  { ...FL, city: "Jacksonville", county: "Duval", zips: ["32205", "32206", "32208", "32209", "32210", "32244"], areaCodes: ["904"], value: 230_000, weight: 6 },
  { ...GA, city: "Atlanta", county: "Fulton", zips: ["30310", "30311", "30314", "30315", "30318", "30331"], areaCodes: ["404", "470", "678"], value: 280_000, weight: 8 },
  { ...GA, city: "Decatur", county: "DeKalb", zips: ["30032", "30034", "30035"], areaCodes: ["404", "470", "678", "770"], value: 250_000, weight: 3 },
  { ...GA, city: "College Park", county: "Fulton", zips: ["30337", "30349"], areaCodes: ["404", "470", "678"], value: 230_000, weight: 2 },
  { ...GA, city: "Marietta", county: "Cobb", zips: ["30008", "30060", "30064"], areaCodes: ["770", "678", "470"], value: 330_000, weight: 2 },
];

// Globex Property Group (Columbus) works Ohio and Arizona.
export const GLOBEX_CITIES: readonly City[] = [
  { ...OH, city: "Columbus", county: "Franklin", zips: ["43204", "43205", "43207", "43211", "43219", "43223", "43224", "43232"], areaCodes: ["614", "380"], value: 210_000, weight: 12 },
  { ...OH, city: "Cleveland", county: "Cuyahoga", zips: ["44102", "44105", "44108", "44109", "44110", "44111", "44120", "44135"], areaCodes: ["216"], value: 110_000, weight: 9 },
  { ...OH, city: "Parma", county: "Cuyahoga", zips: ["44129", "44134"], areaCodes: ["440"], value: 180_000, weight: 2 },
  { ...OH, city: "Euclid", county: "Cuyahoga", zips: ["44117", "44123", "44132"], areaCodes: ["216"], value: 130_000, weight: 2 },
  { ...OH, city: "Cincinnati", county: "Hamilton", zips: ["45205", "45211", "45214", "45224", "45229", "45237", "45238"], areaCodes: ["513"], value: 180_000, weight: 7 },
  { ...AZ, city: "Phoenix", county: "Maricopa", zips: ["85008", "85009", "85017", "85019", "85031", "85033", "85035", "85041"], areaCodes: ["602", "480", "623"], value: 330_000, weight: 9 },
  { ...AZ, city: "Mesa", county: "Maricopa", zips: ["85201", "85203", "85204", "85210"], areaCodes: ["480"], value: 380_000, weight: 3 },
  { ...AZ, city: "Glendale", county: "Maricopa", zips: ["85301", "85302", "85303"], areaCodes: ["623"], value: 350_000, weight: 3 },
  { ...AZ, city: "Tucson", county: "Pima", zips: ["85705", "85711", "85712", "85713", "85716", "85730", "85746"], areaCodes: ["520"], value: 270_000, weight: 5 },
];

export const STREET_NAMES = [
  "Oak", "Maple", "Pine", "Cedar", "Elm", "Willow", "Pecan", "Magnolia", "Live Oak", "Mesquite", "Bluebonnet",
  "Palm", "Cypress", "Dogwood", "Peachtree", "Hickory", "Walnut", "Chestnut", "Sycamore", "Birch", "Laurel",
  "Holly", "Juniper", "Sunset", "Lakeview", "Hillcrest", "Ridgewood", "Fairview", "Park", "Meadow", "Valley",
  "Forest", "Highland", "Spring", "River", "Washington", "Lincoln", "Jefferson", "Madison", "Franklin", "Jackson",
  "Adams", "Monroe", "Main", "Church", "Mill", "Market", "Broad", "Center", "Grand", "Union", "College",
  "Prospect", "Clinton", "Harrison", "Wilson", "Martin Luther King Jr", "Garfield", "Kennedy", "Roosevelt",
  "Sheridan", "Crestview", "Briarwood", "Greenbriar", "Woodland", "Glenwood", "Kingston", "Brookside", "Cherry",
  "Rosewood", "Shady Grove", "Mockingbird", "Cardinal", "Bluebird", "Camelback", "Indian School", "Orchard",
] as const;

export const STREET_SUFFIXES = [
  ["St", 18], ["Ave", 16], ["Dr", 16], ["Ln", 10], ["Rd", 10], ["Ct", 8], ["Blvd", 5], ["Way", 6], ["Pl", 4], ["Cir", 4], ["Trl", 2], ["Pkwy", 1],
] as const;

export const STREET_DIRECTIONS = ["N", "S", "E", "W"] as const;
