// REST calls to the server (same origin). A 401 on an authenticated call ends the session.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

const TOKEN_KEY = 'switchboard.console.session';

export const session = {
  load() {
    try {
      return JSON.parse(localStorage.getItem(TOKEN_KEY) || 'null');
    } catch {
      return null;
    }
  },
  save(value) {
    localStorage.setItem(TOKEN_KEY, JSON.stringify(value));
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
  },
};

let unauthorizedHandler = () => {};

/** Called (once per failing request) when the server answers 401 to the current token. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

async function request(method, path, body, { auth = true, asText = false, asBlob = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const current = session.load();
  if (auth && current?.token) headers.Authorization = `Bearer ${current.token}`;
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit',
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection.');
  }
  if (asBlob && response.ok) return response.blob();
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!response.ok) {
    // Errors come as { error: { code, message } } or, in the newer APIs, { error: code, message }.
    const flat = typeof json?.error === 'string';
    const error = new ApiError(response.status, flat ? json.error : json?.error?.code, flat ? json.message : json?.error?.message);
    if (typeof json?.error?.retryAfterMs === 'number') error.retryAfterMs = json.error.retryAfterMs;
    if (response.status === 401 && auth) unauthorizedHandler(error);
    throw error;
  }
  return asText ? text : json;
}

export const api = {
  login: (email, password) => request('POST', '/v1/agents/login', { email, password }, { auth: false }),
  logout: () => request('POST', '/v1/agents/logout'),
  me: () => request('GET', '/v1/me'),
  setLanguage: (language) => request('PUT', '/v1/me/language', { language }),
  rename: (name) => request('PUT', '/v1/me', { name }),
  changePassword: (currentPassword, newPassword) => request('POST', '/v1/me/password', { currentPassword, newPassword }),
  passwordLink: (token) => request('GET', `/v1/password-links/${encodeURIComponent(token)}`, undefined, { auth: false }),
  usePasswordLink: (token, password) => request('POST', `/v1/password-links/${encodeURIComponent(token)}`, { password }, { auth: false }),
  agents: () => request('GET', '/v1/agents'),
  queues: () => request('GET', '/v1/queues'),
  waiting: (queueId) => request('GET', `/v1/queues/${encodeURIComponent(queueId)}/waiting`),
  conversation: (id) => request('GET', `/v1/conversations/${encodeURIComponent(id)}`),
  messages: (id) => request('GET', `/v1/conversations/${encodeURIComponent(id)}/messages?after=0&limit=500`),
  search: (query) => request('GET', `/v1/search?${query}`),
  notes: (id) => request('GET', `/v1/conversations/${encodeURIComponent(id)}/notes`),
  contactConversations: (id) => request('GET', `/v1/contacts/${encodeURIComponent(id)}/conversations`),
  cannedReplies: () => request('GET', '/v1/canned-replies'),
  addCannedReply: (shortcut, text) => request('POST', '/v1/canned-replies', { shortcut, text }),
  updateCannedReply: (id, shortcut, text) => request('PUT', `/v1/canned-replies/${encodeURIComponent(id)}`, { shortcut, text }),
  deleteCannedReply: (id) => request('DELETE', `/v1/canned-replies/${encodeURIComponent(id)}`),
  wall: (query) => request('GET', `/v1/wall${query ? `?${query}` : ''}`),
  availability: (month, tz) => request('GET', `/v1/availability?${new URLSearchParams({ ...(month ? { month } : {}), tz })}`),
  maintenanceWindows: () => request('GET', '/v1/maintenance-windows'),
  declareMaintenance: (body) => request('POST', '/v1/maintenance-windows', body),
  deleteMaintenance: (id) => request('DELETE', `/v1/maintenance-windows/${encodeURIComponent(id)}`),
  apiKeys: () => request('GET', '/v1/admin/api-keys'),
  createApiKey: (body) => request('POST', '/v1/admin/api-keys', body),
  revokeApiKey: (id) => request('DELETE', `/v1/admin/api-keys/${encodeURIComponent(id)}`),
  adminQueues: () => request('GET', '/v1/admin/queues'),
  createQueue: (body) => request('POST', '/v1/admin/queues', body),
  updateQueue: (id, body) => request('PUT', `/v1/admin/queues/${encodeURIComponent(id)}`, body),
  setStrategy: (id, strategy) => request('PUT', `/v1/admin/queues/${encodeURIComponent(id)}/strategy`, { strategy }),
  setPaused: (id, paused) => request('POST', `/v1/queues/${encodeURIComponent(id)}/${paused ? 'pause' : 'resume'}`),
  setSkills: (id, body) => request('PUT', `/v1/admin/queues/${encodeURIComponent(id)}/skills`, body),
  transfer: (conversationId, body) => request('POST', `/v1/conversations/${encodeURIComponent(conversationId)}/transfer`, body),
  setHours: (id, body) => request('PUT', `/v1/admin/queues/${encodeURIComponent(id)}/hours`, body),
  addHoliday: (id, day, name) => request('POST', `/v1/admin/queues/${encodeURIComponent(id)}/holidays`, { day, name }),
  removeHoliday: (id, day) => request('DELETE', `/v1/admin/queues/${encodeURIComponent(id)}/holidays/${encodeURIComponent(day)}`),
  updateAgent: (id, body) => request('PUT', `/v1/admin/agents/${encodeURIComponent(id)}`, body),
  liveConversations: () => request('GET', '/v1/live-conversations'),
  whisper: (id, text) => request('POST', `/v1/conversations/${encodeURIComponent(id)}/whisper`, { text }),
  barge: (id) => request('POST', `/v1/conversations/${encodeURIComponent(id)}/barge`),
  history: (id) => request('GET', `/v1/conversations/${encodeURIComponent(id)}/history`),
  audit: (query) => request('GET', `/v1/admin/audit?${query}`),
  auditVerify: () => request('GET', '/v1/admin/audit/verify'),
  auditExport: (query) => request('GET', `/v1/admin/audit/export?${query}`, undefined, { asText: true }),
  adminUsers: () => request('GET', '/v1/admin/users'),
  createUser: (body) => request('POST', '/v1/admin/users', body),
  updateUser: (id, body) => request('PUT', `/v1/admin/users/${encodeURIComponent(id)}`, body),
  resetPassword: (id) => request('POST', `/v1/admin/users/${encodeURIComponent(id)}/password-reset`),
  disableUser: (id) => request('POST', `/v1/admin/users/${encodeURIComponent(id)}/disable`),
  enableUser: (id) => request('POST', `/v1/admin/users/${encodeURIComponent(id)}/enable`),
  unlockUser: (id) => request('POST', `/v1/admin/users/${encodeURIComponent(id)}/unlock`),
  teams: () => request('GET', '/v1/teams'),
  createTeam: (body) => request('POST', '/v1/admin/teams', body),
  updateTeam: (id, body) => request('PUT', `/v1/admin/teams/${encodeURIComponent(id)}`, body),
  deleteTeam: (id) => request('DELETE', `/v1/admin/teams/${encodeURIComponent(id)}`),
  adminSites: () => request('GET', '/v1/admin/sites'),
  createSite: (body) => request('POST', '/v1/admin/sites', body),
  updateSite: (id, body) => request('PUT', `/v1/admin/sites/${encodeURIComponent(id)}`, body),
  siteFiles: (id) => request('GET', `/v1/admin/sites/${encodeURIComponent(id)}/attachments`),
  setSiteFiles: (id, body) => request('PUT', `/v1/admin/sites/${encodeURIComponent(id)}/attachments`, body),
  siteRetention: (id) => request('GET', `/v1/admin/sites/${encodeURIComponent(id)}/retention`),
  setSiteRetention: (id, body) => request('PUT', `/v1/admin/sites/${encodeURIComponent(id)}/retention`, body),
  siteIdentity: (id) => request('GET', `/v1/admin/sites/${encodeURIComponent(id)}/identity`),
  setIdentityEnforced: (id, enforced) => request('PUT', `/v1/admin/sites/${encodeURIComponent(id)}/identity`, { enforced }),
  addIdentityKey: (id, body) => request('POST', `/v1/admin/sites/${encodeURIComponent(id)}/identity/keys`, body),
  removeIdentityKey: (id, keyId) => request('DELETE', `/v1/admin/sites/${encodeURIComponent(id)}/identity/keys/${encodeURIComponent(keyId)}`),
  ...ticketCalls(),
  ...mailCalls(),
  ...contactCalls(),
  ...exchangeCalls(),
  ...campaignCalls(),
  report: (view, query) => request('GET', `/v1/reports/${encodeURIComponent(view)}?${query}`),
  reportCsv: (view, query) => request('GET', `/v1/reports/${encodeURIComponent(view)}?${query}`, undefined, { asBlob: true }),
  ...complianceCalls(),
  ...webhookCalls(),
};

/** Imports, exports, their jobs and transcripts (protocol 3.12). */
function exchangeCalls() {
  const job = (id, rest = '') => `/v1/jobs/${encodeURIComponent(id)}${rest}`;
  const conversation = (id, rest) => `/v1/conversations/${encodeURIComponent(id)}${rest}`;
  return {
    startImport: (kind, body) => request('POST', `/v1/imports/${encodeURIComponent(kind)}`, body),
    startExport: (kind, body) => request('POST', `/v1/exports/${encodeURIComponent(kind)}`, body),
    job: (id) => request('GET', job(id)),
    jobFile: (id) => request('GET', job(id, '/file'), undefined, { asBlob: true }),
    jobRefused: (id) => request('GET', job(id, '/refused.csv'), undefined, { asBlob: true }),
    transcriptCsv: (id) => request('GET', conversation(id, '/transcript.csv'), undefined, { asBlob: true }),
    transcriptHtml: (id, lang) => request('GET', conversation(id, `/transcript.html?lang=${encodeURIComponent(lang)}&tz=${encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')}`), undefined, { asText: true }),
  };
}

/** Tickets and SLA policies (protocol 3.7). */
function ticketCalls() {
  const path = (id, rest = '') => `/v1/tickets/${encodeURIComponent(id)}${rest}`;
  return {
    tickets: (query) => request('GET', `/v1/tickets?${query}`),
    ticket: (id) => request('GET', path(id)),
    createTicket: (body) => request('POST', '/v1/tickets', body),
    updateTicket: (id, body) => request('PUT', path(id), body),
    setTicketStatus: (id, status) => request('POST', path(id, '/status'), { status }),
    takeTicket: (id) => request('POST', path(id, '/take')),
    replyTicket: (id, body) => request('POST', path(id, '/replies'), body),
    noteTicket: (id, text, attachments = []) => request('POST', path(id, '/notes'), attachments.length ? { text, attachments } : { text }),
    logCall: (id, body) => request('POST', path(id, '/calls'), body),
    mergeTicket: (id, into) => request('POST', path(id, '/merge'), { into }),
    bulkTickets: (body) => request('POST', '/v1/tickets/bulk', body),
    chatSla: (conversationId) => request('GET', `/v1/conversations/${encodeURIComponent(conversationId)}/sla`),
    chatTickets: (conversationId) => request('GET', `/v1/conversations/${encodeURIComponent(conversationId)}/tickets`),
    ticketFromChat: (conversationId, body) => request('POST', `/v1/conversations/${encodeURIComponent(conversationId)}/ticket`, body),
    slaPolicies: () => request('GET', '/v1/admin/sla-policies'),
    createSlaPolicy: (body) => request('POST', '/v1/admin/sla-policies', body),
    updateSlaPolicy: (id, body) => request('PUT', `/v1/admin/sla-policies/${encodeURIComponent(id)}`, body),
    deleteSlaPolicy: (id) => request('DELETE', `/v1/admin/sla-policies/${encodeURIComponent(id)}`),
  };
}

/** Support addresses, ignored mail and a ticket's mail (the email channel). */
function mailCalls() {
  const address = (id) => `/v1/admin/mail-addresses/${encodeURIComponent(id)}`;
  return {
    mailAddresses: () => request('GET', '/v1/admin/mail-addresses'),
    createMailAddress: (body) => request('POST', '/v1/admin/mail-addresses', body),
    updateMailAddress: (id, body) => request('PUT', address(id), body),
    deleteMailAddress: (id) => request('DELETE', address(id)),
    ignoredMail: () => request('GET', '/v1/admin/mail-ignored?limit=100'),
    ticketMail: (id) => request('GET', `/v1/tickets/${encodeURIComponent(id)}/mail`),
    rawMail: (id, mailId) => request('GET', `/v1/tickets/${encodeURIComponent(id)}/mail/${encodeURIComponent(mailId)}/raw`, undefined, { asBlob: true }),
  };
}

/** Contacts, companies, leads and the sites' contact fields (the CRM). */
function contactCalls() {
  const path = (id, rest = '') => `/v1/contacts/${encodeURIComponent(id)}${rest}`;
  const company = (id) => `/v1/companies/${encodeURIComponent(id)}`;
  const fields = (siteId) => `/v1/admin/sites/${encodeURIComponent(siteId)}/contact-fields`;
  return {
    contacts: (query) => request('GET', `/v1/contacts?${query}`),
    contact: (id) => request('GET', path(id)),
    createContact: (body) => request('POST', '/v1/contacts', body),
    updateContact: (id, body) => request('PATCH', path(id), body),
    contactTimeline: (id, query) => request('GET', path(id, `/timeline?${query}`)),
    contactNotes: (id) => request('GET', path(id, '/notes')),
    addContactNote: (id, body) => request('POST', path(id, '/notes'), { body }),
    mergeContact: (id, mergedId) => request('POST', path(id, '/merge'), { mergedId }),
    gdprExport: (id) => request('GET', path(id, '/gdpr-export'), undefined, { asBlob: true }),
    gdprErase: (id, reason) => request('POST', path(id, '/gdpr-erase'), { confirm: 'ERASE', reason }),
    duplicates: (query) => request('GET', `/v1/contacts/duplicates?${query}`),
    companies: (query) => request('GET', `/v1/companies?${query}`),
    company: (id) => request('GET', company(id)),
    createCompany: (body) => request('POST', '/v1/companies', body),
    updateCompany: (id, body) => request('PATCH', company(id), body),
    contactFields: (siteId) => request('GET', fields(siteId)),
    setContactFields: (siteId, list) => request('PUT', fields(siteId), { fields: list }),
  };
}

/** Campaigns (admins), their statistics, and the visitors on the sites now (staff). */
function campaignCalls() {
  const campaign = (id) => `/v1/admin/campaigns/${encodeURIComponent(id)}`;
  return {
    campaigns: () => request('GET', '/v1/admin/campaigns'),
    createCampaign: (body) => request('POST', '/v1/admin/campaigns', body),
    updateCampaign: (id, body) => request('PUT', campaign(id), body),
    campaignStats: (id, from, to) => request('GET', `${campaign(id)}/stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
    liveVisitors: () => request('GET', '/v1/visitors/live'),
    inviteVisitor: (contactId, text) => request('POST', `/v1/visitors/${encodeURIComponent(contactId)}/invite`, { text }),
  };
}

/** True when the error means "the server does not have this endpoint yet". */
export function isMissing(error) {
  return error instanceof ApiError && (error.status === 404 || error.status === 405);
}

/** The monthly compliance reports (admins). */
function complianceCalls() {
  return {
    complianceReports: () => request('GET', '/v1/compliance-reports'),
    generateComplianceReport: (month, site) => request('POST', `/v1/compliance-reports/${encodeURIComponent(month)}/generate`, { site }),
    complianceReport: (month, scope, lang, format) => request('GET', `/v1/compliance-reports/${encodeURIComponent(month)}?${new URLSearchParams({ site: scope, lang, format })}`, undefined, { asBlob: true }),
  };
}

/** Webhooks and their delivery log (admins). */
function webhookCalls() {
  const hook = (id) => `/v1/webhooks/${encodeURIComponent(id)}`;
  return {
    webhooks: () => request('GET', '/v1/webhooks'),
    createWebhook: (body) => request('POST', '/v1/webhooks', body),
    updateWebhook: (id, body) => request('PUT', hook(id), body),
    deleteWebhook: (id) => request('DELETE', hook(id)),
    rotateWebhookSecret: (id) => request('POST', `${hook(id)}/secret`),
    webhookDeliveries: (id, status) => request('GET', `${hook(id)}/deliveries?${new URLSearchParams({ limit: '100', ...(status ? { status } : {}) })}`),
    replayWebhookDelivery: (id, delivery) => request('POST', `${hook(id)}/deliveries/${encodeURIComponent(delivery)}/replay`),
    replayFailedWebhooks: (id) => request('POST', `${hook(id)}/replay-failed`),
  };
}
