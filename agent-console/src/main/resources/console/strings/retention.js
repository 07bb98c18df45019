// The console's strings for a site's retention card, in English and Simplified Chinese.

export const RETENTION_STRINGS = {
  en: {
    'retention.title': 'Data retention',
    'retention.intro': 'Closed chats and solved or closed tickets older than this are removed, or kept for reports with their texts, names, addresses and files removed. Off unless turned on.',
    'retention.enabled': 'Remove old chats and tickets',
    'retention.days': 'After (days)',
    'retention.days.hint': 'Counted from when a chat closed or a ticket was solved or closed.',
    'retention.mode': 'What happens',
    'retention.mode.delete': 'Delete them',
    'retention.mode.anonymise': 'Anonymise them (reports keep their figures)',
    'retention.save': 'Save retention',
    'retention.saved': 'Retention of {name} saved.',
    'retention.notDays': 'A whole number of days from 1 to 36500.',
  },
  'zh-CN': {
    'retention.title': '数据保留',
    'retention.intro': '早于此期限的已关闭会话和已解决或已关闭的工单将被删除，或保留用于报表但删除其文字、姓名、地址和文件。默认关闭。',
    'retention.enabled': '清理旧会话和工单',
    'retention.days': '保留期限（天）',
    'retention.days.hint': '从会话关闭或工单解决、关闭时起计算。',
    'retention.mode': '处理方式',
    'retention.mode.delete': '删除',
    'retention.mode.anonymise': '匿名化（报表保留统计数据）',
    'retention.save': '保存保留设置',
    'retention.saved': '已保存 {name} 的保留设置。',
    'retention.notDays': '请输入 1 到 36500 之间的整数天数。',
  },
};
