// Gives each test file its own database on the test server, with every index built.
import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { afterAll, beforeAll, inject } from "vitest";
import { connectDb, disconnectDb } from "@/lib/core/db/connect";
import { ensureIndexes } from "@/lib/migrations/run-migrations";

const dbName = `test_${randomBytes(6).toString("hex")}`;
process.env.MONGODB_URI = `${inject("mongoUri")}/${dbName}`;
process.env.TWILIO_API_BASE = inject("twilioApiBase");

beforeAll(async () => {
  await connectDb(process.env.MONGODB_URI);
  await ensureIndexes();
});

afterAll(async () => {
  await mongoose.connection.db?.dropDatabase();
  await disconnectDb();
});
