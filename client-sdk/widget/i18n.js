// Every string the widget shows, in English and Simplified Chinese.
// Placeholders are written {name}; values are inserted as text by the caller's DOM code.

const STRINGS = {
  en: {
    'title.default': 'Chat with us',
    'header.online': 'We reply in a few minutes',
    'header.agent': 'Customer support',
    'header.agentAt': 'Customer support · {site}',
    'header.minimize': 'Minimize chat',
    'header.end': 'End chat',
    'greeting.default': 'Hi there! How can we help you today?',
    'prechat.intro': 'Tell us a little about yourself and we will connect you with our team.',
    'field.name': 'Name',
    'field.email': 'Email',
    'field.phone': 'Phone',
    'field.department': 'Department',
    'field.message': 'Message',
    'field.optional': '(optional)',
    'error.name': 'Please enter your name (up to 100 characters).',
    'error.email': 'Please enter a valid email address, like name@example.com.',
    'error.phone': 'Please enter a phone number (5-32 digits, spaces, + - ( ) allowed).',
    'error.message': 'Please write a message (up to 8000 characters).',
    'error.department': 'Please choose a department.',
    'error.server': 'This value was not accepted. Please check it.',
    'error.generic': 'Something went wrong. Please try again.',
    'error.unavailable': 'Chat is not available on this site.',
    'prechat.submit': 'Start chat',
    'prechat.starting': 'Starting…',
    'offline.title': 'Leave us a message',
    'offline.intro': 'No one is available to chat right now. Leave a message and we will get back to you by email.',
    'offline.submit': 'Send message',
    'offline.sending': 'Sending…',
    'offline.thanks.title': 'Thank you!',
    'offline.thanks.body': 'We received your message and will reply to {email} as soon as we can.',
    'offline.back': 'Back to chat',
    'waiting.title': 'Waiting for an agent',
    'waiting.position': 'You are number {position} in the queue.',
    'waiting.positionUnknown': 'You are in the queue.',
    'waiting.eta': 'Estimated wait: {eta}.',
    'waiting.etaUnknown': 'Estimated wait: unknown.',
    'waiting.noAgents': 'No one is available right now.',
    'waiting.long': 'This is taking longer than usual.',
    'waiting.leaveMessage': 'Leave a message instead',
    'eta.lessThanMinute': 'less than a minute',
    'eta.minutes': 'about {n} min',
    'chat.joined': '{name} joined the chat',
    'day.today': 'Today',
    'chat.typing': '{name} is typing…',
    'chat.agentFallback': 'Agent',
    'chat.you': 'You',
    'chat.closed': 'This chat has ended.',
    'chat.closedByYou': 'You ended the chat.',
    'chat.placeholder': 'Write a message…',
    'chat.inputLabel': 'Message',
    'chat.send': 'Send',
    'chat.sending': 'Sending',
    'chat.sent': 'Sent',
    'chat.seen': 'Seen',
    'chat.failed': 'Not delivered',
    'chat.retry': 'Retry',
    'chat.log': 'Conversation',
    'chat.endConfirm': 'End this chat?',
    'chat.endYes': 'End chat',
    'chat.endNo': 'Keep chatting',
    'status.reconnecting': 'Reconnecting…',
    'status.connecting': 'Connecting…',
    'status.connected': 'Connected',
    'status.offline': 'You are offline. Messages will be sent when you are back online.',
    'rating.title': 'How was your chat?',
    'rating.legend': 'Rate this conversation',
    'rating.star': '{n} of 5 stars',
    'rating.comment': 'Comment',
    'rating.submit': 'Send rating',
    'rating.skip': 'Skip',
    'rating.required': 'Please choose 1 to 5 stars.',
    'rating.thanks': 'Thanks for your feedback!',
    'newChat': 'Start a new chat',
    'launcher.open': 'Open chat',
    'launcher.close': 'Close chat',
    'unread': '{n} unread',
  },
  'zh-CN': {
    'title.default': '在线客服',
    'header.online': '我们通常在几分钟内回复',
    'header.agent': '在线客服',
    'header.agentAt': '{site} · 在线客服',
    'header.minimize': '最小化聊天窗口',
    'header.end': '结束会话',
    'greeting.default': '您好！请问有什么可以帮您？',
    'prechat.intro': '请留下您的信息，我们将为您接通客服。',
    'field.name': '姓名',
    'field.email': '邮箱',
    'field.phone': '电话',
    'field.department': '咨询部门',
    'field.message': '留言内容',
    'field.optional': '（选填）',
    'error.name': '请输入您的姓名（最多 100 个字符）。',
    'error.email': '请输入有效的邮箱地址，例如 name@example.com。',
    'error.phone': '请输入电话号码（5-32 位，可包含数字、空格和 + - ( )）。',
    'error.message': '请输入留言内容（最多 8000 个字符）。',
    'error.department': '请选择咨询部门。',
    'error.server': '此项未通过校验，请检查。',
    'error.generic': '出错了，请重试。',
    'error.unavailable': '本网站暂未开通在线客服。',
    'prechat.submit': '开始咨询',
    'prechat.starting': '正在连接…',
    'offline.title': '给我们留言',
    'offline.intro': '当前暂无客服在线。请留言，我们会通过邮件尽快回复您。',
    'offline.submit': '提交留言',
    'offline.sending': '正在提交…',
    'offline.thanks.title': '感谢您的留言！',
    'offline.thanks.body': '我们已收到您的留言，会尽快回复至 {email}。',
    'offline.back': '返回聊天',
    'waiting.title': '正在为您接通客服',
    'waiting.position': '您前面还有 {ahead} 位，当前排在第 {position} 位。',
    'waiting.positionUnknown': '您正在排队中。',
    'waiting.eta': '预计等待：{eta}。',
    'waiting.etaUnknown': '预计等待时间：未知。',
    'waiting.noAgents': '当前暂无客服在线。',
    'waiting.long': '等待时间比平时更长。',
    'waiting.leaveMessage': '改为留言',
    'eta.lessThanMinute': '不到 1 分钟',
    'eta.minutes': '约 {n} 分钟',
    'chat.joined': '{name} 已加入会话',
    'day.today': '今天',
    'chat.typing': '{name} 正在输入…',
    'chat.agentFallback': '客服',
    'chat.you': '我',
    'chat.closed': '会话已结束。',
    'chat.closedByYou': '您已结束会话。',
    'chat.placeholder': '输入消息…',
    'chat.inputLabel': '消息',
    'chat.send': '发送',
    'chat.sending': '发送中',
    'chat.sent': '已发送',
    'chat.seen': '已读',
    'chat.failed': '发送失败',
    'chat.retry': '重试',
    'chat.log': '会话记录',
    'chat.endConfirm': '确定结束会话吗？',
    'chat.endYes': '结束会话',
    'chat.endNo': '继续聊天',
    'status.reconnecting': '正在重新连接…',
    'status.connecting': '正在连接…',
    'status.connected': '已连接',
    'status.offline': '您已离线，恢复网络后消息会自动发送。',
    'rating.title': '您对本次服务满意吗？',
    'rating.legend': '为本次会话评分',
    'rating.star': '{n} 星（满分 5 星）',
    'rating.comment': '评价（选填）',
    'rating.submit': '提交评价',
    'rating.skip': '跳过',
    'rating.required': '请选择 1 到 5 星。',
    'rating.thanks': '感谢您的评价！',
    'newChat': '开始新的会话',
    'launcher.open': '打开在线客服',
    'launcher.close': '关闭在线客服',
    'unread': '{n} 条未读消息',
  },
};

export const LANGUAGES = Object.keys(STRINGS);

/** Picks 'en' or 'zh-CN': the site's setting unless it is 'auto', else the browser's language. */
export function pickLanguage(configured, browserLanguages) {
  if (configured && configured !== 'auto' && STRINGS[configured]) {
    return configured;
  }
  for (const tag of browserLanguages || []) {
    const lower = String(tag).toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

let current = 'en';

export function setLanguage(language) {
  current = STRINGS[language] ? language : 'en';
}

export function language() {
  return current;
}

/** The string for a key in the current language, with {placeholders} filled in. */
export function t(key, params = {}) {
  const template = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name) =>
    Object.hasOwn(params, name) ? String(params[name]) : match);
}
