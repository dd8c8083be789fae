// Every model, for code that works across collections (migrations, index checks, seeding).
import { Activity } from "./activity";
import { ApiKey } from "./api-key";
import { Analytics } from "./analytics";
import { Buyer } from "./buyer";
import { BulkText } from "./bulk-text";
import { Communication } from "./communication";
import { Conversation } from "./conversation";
import { Deal } from "./deal";
import { DomainEvent } from "./domain-event";
import { DeletedLead } from "./deleted-lead";
import { FileUpload, FileUploadPart } from "./file-upload";
import { DeletedBuyer } from "./deleted-buyer";
import { GridFsChunk, GridFsFile } from "@/lib/storage/gridfs-layout";
import { Invite } from "./invite";
import { Lead } from "./lead";
import { LeadImport, LeadImportChunk, LeadImportRow } from "./lead-import";
import { LeadMerge } from "./lead-merge";
import { MailMessage } from "./mail-message";
import { OptOut } from "./opt-out";
import { ProviderSid } from "./provider-sid";
import { SavedView } from "./saved-view";
import { SchemaVersion } from "./schema-version";
import { SendIntent } from "./send-intent";
import { Setting } from "./setting";
import { StoredFile } from "./stored-file";
import { Tag } from "./tag";
import { Template } from "./template";
import { Tenant } from "./tenant";
import { TenantDomain } from "./tenant-domain";
import { TenantPhoneNumber } from "./tenant-phone-number";
import { TwilioAccount } from "./twilio-account";
import { User } from "./user";
import { Workflow } from "./workflow";

export { Activity, Analytics, ApiKey, Buyer, Communication, Conversation, Deal, DomainEvent, FileUpload, FileUploadPart, Invite, Lead, LeadImport, LeadImportChunk, LeadImportRow, LeadMerge, MailMessage, SavedView, DeletedLead, DeletedBuyer, SchemaVersion, Setting, StoredFile, Tag, Template, Tenant, TenantDomain, TenantPhoneNumber, TwilioAccount, User, Workflow, OptOut, ProviderSid, SendIntent, BulkText };

export const allModels = [Tenant, TenantDomain, TenantPhoneNumber, TwilioAccount, User, Lead, Buyer, Communication, Conversation, Deal, DomainEvent, Activity, Tag, Template, Workflow, Analytics, Setting, Invite, MailMessage, LeadMerge, LeadImport, LeadImportChunk, LeadImportRow, SavedView, DeletedLead, DeletedBuyer, ApiKey, StoredFile, FileUpload, FileUploadPart, GridFsFile, GridFsChunk, SchemaVersion, OptOut, ProviderSid, SendIntent, BulkText];

/** The models whose documents belong to one tenant (and go through the tenant guard). */
export const tenantOwnedModels = [User, Lead, Buyer, Communication, Conversation, Deal, Activity, Tag, Template, Workflow, Analytics, Setting, Invite, LeadMerge, LeadImport, LeadImportChunk, LeadImportRow, SavedView, DeletedLead, DeletedBuyer, ApiKey, TwilioAccount, StoredFile, FileUpload, FileUploadPart, OptOut, SendIntent, BulkText];
