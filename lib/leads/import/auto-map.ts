// Guesses where each column of a provider's export goes. Headers seen in the wild: PropStream
// ("Owner 1 First Name", "Mailing Address", "Est. Value", "Lot Size Sqft"), BatchLeads
// ("Property Address", "Phone 1", "Email 1", "Lot Size (SqFt)"), DealMachine (snake_case:
// "property_address_line_1", "owner_1_name", "phone_1", "email_address_1", "lot_acreage"),
// Podio app exports ("Seller Name", "Property Address" on one line, "Lead Source"), and plain
// spreadsheets ("Name", "Phone Number", "Zip"), also saved in German, French or Spanish ("Vorname",
// "Straße", "PLZ"; "Prénom", "Code postal"; "Apellido", "Teléfono"). Client-safe.
import type { ColumnMapping } from "./targets";

/**
 * "Owner 1 First Name" → "owner 1 first name"; "property_address_line_1" → "property address line 1";
 * accents and case do not count ("Téléphone" → "telephone", "STRASSE" and "Straße" → "strasse").
 */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .replace(/([a-z])(\d)/g, "$1 $2")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

// Order matters: the first rule that matches wins. `owner 2 ...` and mailing columns are kept
// out of the seller's own fields (they go to notes, where the rep can still read them).
const RULES: [RegExp, string][] = [
  [/^(import error|import row|import result|row number|error|reason)$/, "ignore"],
  // A phone's line type and whether it may be called go with the phone of the same number
  // ("Phone 1 Type" with "Phone 1", "phone_2_do_not_call" with "phone_2").
  [/(phone|mobile|cell|wireless|landline)s? ?\d* ?(line )?type$|^phone (line )?type \d+$/, "phone_type"],
  [/(phone|mobile|cell|wireless|landline)s? ?\d* ?(dnc|do not call|status|connected|disconnected|dnc status)$|^phone (dnc|status) \d+$/, "phone_status"],
  [/(phone|mobile|cell|wireless|landline)s? ?\d* ?(type|status|dnc|carrier|score|litigator|connected|verified)/, "ignore"],
  [/(email)s? ?\d* ?(type|status|verified|score)/, "ignore"],
  [/^(owner|contact|input|seller|lead)? ?(2|3|4) /, "notes"],
  // The owner's mailing address (PropStream, BatchLeads "Mailing Address/City/State/Zip",
  // DealMachine "mailing_address_line_1", "mailing_city"...).
  // "Mailing Address 1", "Mailing Address (Full)", "owner_address_city" (DealMachine) included.
  // A one-line mailing address ("owner_mailing_address_full") is the street only when no column
  // holds the street itself (see below), as for the property's.
  [/^(owner (mailing |mail )?|(owner )?(mailing|mail) )(address( line)? full|full address|address full)$/, "mailing_address.full_line"],
  [/^(owner (mailing |mail )?|(owner )?(mailing|mail) )(street( address)?|address( line)?( 1)?)$|^(owner )?(mailing|mail)$/, "mailing_address.street"],
  // Its second line: "Mailing Unit", "Mailing Address 2", "Mailing Apt", "mailing_address_line_2".
  [/^(owner (mailing |mail )?|(owner )?(mailing|mail) )(address )?(unit|apt|apartment|suite|line 2|address 2|address line 2|2)( ?#| ?number)?$/, "mailing_address.unit"],
  [/^(owner (mailing |mail )?|(owner )?(mailing|mail) )(address )?city$/, "mailing_address.city"],
  [/^(owner (mailing |mail )?|(owner )?(mailing|mail) )(address )?(state|st)$/, "mailing_address.state"],
  [/^(owner (mailing |mail )?|(owner )?(mailing|mail) )(address )?(zip|zip ?code|zipcode|postal ?code|zip ?5)$/, "mailing_address.zip_code"],
  [/mailing|^mail |owner address|owner location|care of/, "notes"],
  // Spreadsheets saved in German, French and Spanish (accents are gone: "Prénom" reads "prenom").
  // "Nom" beside "Prénom", "Nombre" beside "Apellido" are the surname and the first name; a
  // German "Name" beside "Vorname" is the surname too (see below).
  [/^(vorname|prenom|nombre|primer nombre)$/, "first_name"],
  [/^(nachname|familienname|nom|nom de famille|apellidos?)$/, "last_name"],
  [/^(vollstandiger name|nom complet|nombre completo)$/, "name"],
  [/^(telefon|telefonnummer|tel|handy|handynummer|mobil|mobilnummer|mobiltelefon|telephone|telephone portable|tel portable|portable|mobile|numero de telephone|telefono|telefono movil|celular|movil|numero de telefono)( ?\d+)?$/, "phone"],
  [/^(e ?mail ?adresse|courriel|adresse (e ?mail|electronique)|correo|correo electronico)( ?\d+)?$/, "email"],
  [/^(strasse|str|strasse und hausnummer|strasse hausnummer|anschrift|adresse|direccion|calle)$/, "address.street"],
  [/^(hausnummer|hausnr|haus nr)$/, "address.house_number"],
  [/^(plz|postleitzahl|code postal|cp|codigo postal|postcode|post code)$/, "address.zip_code"],
  // UK English ("Town", "Postcode") too.
  [/^(ort|stadt|wohnort|ville|ciudad|localidad|poblacion|town|town city)$/, "address.city"],
  [/^(bundesland|estado|provincia)$/, "address.state"],
  [/^(schlafzimmer|chambres|nombre de chambres|habitaciones|dormitorios|recamaras)$/, "property_details.bedrooms"],
  [/^(badezimmer|bader|salles? de bains?|salles? d eau|banos)$/, "property_details.bathrooms"],
  [/^(baujahr|annee de construction|ano de construccion)$/, "property_details.year_built"],
  [/^(notizen?|bemerkungen?|kommentare?|remarques?|notas?|comentarios?|observaciones)$/, "notes"],
  // A price alone is what the seller asks; an offer, a sale or an estimate is another figure and
  // is left to the user ("Offer Price", "Last Sale Price", "Purchase Price" stay unmapped).
  [/^(price|list price|listing price|preis|kaufpreis|prix|precio)$/, "asking_price"],
  [/^(owner|seller|contact|lead|input|primary)? ?1? ?(full )?name$|^owner ?1? ?(full )?name$|^full name$|^name$/, "name"],
  [/^(owner|seller|contact|input|primary)? ?1? ?first ?name$|^first$/, "first_name"],
  [/^(owner|seller|contact|input|primary)? ?1? ?last ?name$|^last$|^surname$/, "last_name"],
  // "Phone 2 (Mobile)" and "Phone (Cell)" name the line type after the number; "Ph1" is short for Phone 1.
  // "Secondary Phone", "Alternate Phone", "Alt Phone 2", "Other Phone" are more of the lead's numbers.
  [/^(owner|seller|contact|primary)? ?1? ?(mobile|cell|home|work|landline|wireless|primary|secondary|second|alternate|alternative|alt|other|additional|backup)? ?(phone|mobile|cell|wireless|landline|telephone|tel|ph)( ?number)?( ?\d+)?( (mobile|cell|wireless|landline|home|work|voip))?$|^contact ?\d+ ?phone ?\d+$|^phone ?\d+ ?number$/, "phone"],
  [/^(owner|seller|contact|primary)? ?1? ?(secondary|second|alternate|alternative|alt|other|additional|backup)? ?e ?mail( ?address)?( ?\d+)?$|^contact ?\d+ ?email ?\d+$/, "email"],
  [/^(property|site|situs|prop)? ?(address full|full address)$/, "address.full_line"],
  [/^(property|site|situs|prop)? ?(address|street)( ?address)?( ?line ?1)?$|^street address$/, "address.street"],
  [/^(property|site|prop)? ?(address )?(unit|apt|apartment|suite)( ?#| ?number)?$|^(property )?address line 2$/, "address.unit"],
  [/^(property|site|prop)? ?(address )?city$/, "address.city"],
  [/^(property|site|prop)? ?(address )?(state|st)$/, "address.state"],
  [/^(property|site|prop)? ?(address )?(zip|zip ?code|zipcode|postal ?code|zip ?5)$/, "address.zip_code"],
  [/^(property|site|prop)? ?(address )?county$/, "address.county"],
  [/^(property|prop|building)? ?type$|^land use$|^property use$/, "property_details.type"],
  [/^(total )?(bedrooms?|beds?)( count)?$/, "property_details.bedrooms"],
  [/^(total )?(bathrooms?|baths?)( count)?$/, "property_details.bathrooms"],
  [/^(building|living|total|heated)? ?(sq ?ft|sqft|square (feet|footage)|living area|building area)$|^building square feet$/, "property_details.square_feet"],
  [/^lot (size|area)? ?\(?(sq ?ft|sqft|square feet)\)?$|^lot size$|^lot (sq ?ft|sqft|square feet)$/, "property_details.lot_size"],
  [/^lot (size )?(acres|acreage)$|^acreage$|^acres$/, "lot_acres"],
  [/^(effective )?(year|yr) built$|^built$/, "property_details.year_built"],
  [/^(est|estimated)( market)? value$|^avm$|^market value$|^property value$/, "estimated_value"],
  [/^asking( price)?$|^seller asking( price)?$/, "asking_price"],
  [/^(lead |marketing )?source$/, "source"],
  [/^(lead )?status$|^(lead|deal|pipeline) stage$|^stage$/, "status"],
  [/^priority$/, "priority"],
  [/^(tags?|lists?|marketing lists?)$/, "tags"],
  [/^(notes?|comments?|description|motivation)$/, "notes"],
  [/^(next )?follow ?up( date)?$/, "next_follow_up"],
];

const SINGLE = new Set([
  "name", "first_name", "last_name", "address.street", "address.unit", "address.city", "address.state", "address.zip_code", "address.county",
  "address.house_number", "mailing_address.street", "mailing_address.unit", "mailing_address.city", "mailing_address.state", "mailing_address.zip_code",
]);

/**
 * A target per column. Custom fields match on their label or key. A single-value target is given
 * to its first column only (a second "City" column is not the property's city).
 */
export function autoMapColumns(headers: readonly string[], customFields: readonly { key: string; label: string }[] = []): ColumnMapping[] {
  const taken = new Set<string>();
  const custom = new Map<string, string>();
  for (const f of customFields) {
    custom.set(normalizeHeader(f.label), f.key);
    custom.set(normalizeHeader(f.key), f.key);
  }
  const result = headers.map((header, column) => {
    // BatchSkipTracing names the columns it was given "Input ..." ("Input Property Address").
    const h = normalizeHeader(header).replace(/^input (?=.)/, "");
    let target = "ignore";
    const customKey = custom.get(normalizeHeader(header)) ?? custom.get(h);
    if (customKey && !taken.has(`custom:${customKey}`)) target = `custom:${customKey}`;
    else {
      const rule = RULES.find(([re]) => re.test(h));
      if (rule) target = rule[1];
    }
    if (SINGLE.has(target) || target.endsWith(".full_line") || target.startsWith("custom:")) {
      if (taken.has(target)) target = "notes";
      else taken.add(target);
    }
    return { column, header, target };
  });
  // A German "Name" beside "Vorname" (and no "Nachname") is the surname.
  const named = result.find((m) => m.target === "name" && normalizeHeader(m.header) === "name");
  if (named && result.some((m) => normalizeHeader(m.header) === "vorname") && !result.some((m) => m.target === "last_name")) named.target = "last_name";
  // A one-line address is used only when the street is not in a column of its own.
  const hasStreet = result.some((m) => m.target === "address.street");
  for (const m of result) if (m.target === "address.full_line") m.target = hasStreet ? "ignore" : "address.street";
  const hasMailingStreet = result.some((m) => m.target === "mailing_address.street");
  for (const m of result) if (m.target === "mailing_address.full_line") m.target = hasMailingStreet ? "ignore" : "mailing_address.street";
  return result;
}
