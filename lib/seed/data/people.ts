// Names drawn from common US first and last names, with apostrophes and hyphens so search-key
// normalisation gets exercised.
export const FIRST_NAMES = [
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
  "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Christopher", "Lisa",
  "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Sandra", "Mark", "Margaret", "Donald", "Ashley", "Steven",
  "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle", "Kenneth", "Carol", "Kevin", "Amanda",
  "Brian", "Melissa", "George", "Deborah", "Timothy", "Stephanie", "Ronald", "Dorothy", "Jason", "Rebecca",
  "Edward", "Sharon", "Jeffrey", "Laura", "Ryan", "Cynthia", "Jacob", "Amy", "Gary", "Kathleen", "Nicholas",
  "Angela", "Eric", "Shirley", "Jonathan", "Brenda", "Stephen", "Pamela", "Larry", "Nicole", "Justin", "Anna",
  "Scott", "Samantha", "Brandon", "Katherine", "Benjamin", "Christine", "Samuel", "Debra", "Gregory", "Rachel",
  "Frank", "Carolyn", "Raymond", "Janet", "Alexander", "Maria", "Patrick", "Olivia", "Jack", "Heather", "Dennis",
  "Helen", "Jerry", "Catherine", "Tyler", "Diane", "Aaron", "Julie", "Jose", "Victoria", "Adam", "Joyce", "Carlos",
  "Rosa", "Luis", "Guadalupe", "Juan", "Yolanda", "Miguel", "Carmen", "Andre", "Tamika", "Darnell", "Latoya",
  "Terrence", "Keisha", "Minh", "Linh", "Tuan", "Mai", "Raj", "Priya", "Wei", "Mei", "Earl", "Gloria", "Willie",
  "Bernice", "Leroy", "Mildred", "Otis", "Hazel", "Vernon", "Loretta", "Clarence", "Geraldine",
] as const;

export const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
  "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
  "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
  "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz",
  "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers",
  "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox",
  "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz",
  "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez",
  "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson", "Barnes",
  "Gonzales", "Fisher", "Vasquez", "Simmons", "Romero", "Jordan", "Patterson", "Alexander", "Hamilton", "Graham",
  "Reynolds", "Griffin", "Wallace", "Moreno", "West", "Cole", "Hayes", "Bryant", "Herrera", "Gibson", "Ellis",
  "Tran", "Pham", "Le", "Washington", "Freeman", "Jefferson", "O'Brien", "O'Neal", "McDonald", "Smith-Jones",
  "Delgado", "Castro", "Vargas", "Dunn", "Holloway", "Whitaker", "Pruitt", "Boyd", "Mathis", "Tate",
] as const;

/** Investor company names for cash buyers: "<word> <kind>". */
export const COMPANY_WORDS = [
  "Lone Star", "Bayou", "Gulf Coast", "Red River", "Alamo", "Sunshine State", "Peach State", "Magnolia",
  "Cornerstone", "Keystone", "Summit", "Ironwood", "Blue Door", "Brick & Mortar", "Northstar", "Cardinal",
  "Buckeye", "Desert Sun", "Saguaro", "Copper State", "Lakeshore", "Riverbend", "Oak Tree", "Cedar Ridge",
  "Heritage", "Harbor", "Trailhead", "Evergreen", "Granite", "Pinnacle",
] as const;

export const COMPANY_KINDS = [
  "Capital LLC", "Properties LLC", "Home Investments", "Realty Group", "Holdings LLC", "Homes LLC",
  "Rentals LLC", "Property Partners", "Investment Group", "Housing Fund",
] as const;

export const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"] as const;
