// The console's strings for files in chats and tickets, in English and Simplified Chinese: the
// composers' attach button and tray (progress, removal, refusals), and the files of a message or
// a ticket entry (thumbnails, the larger view, download cards).

export const ATTACHMENT_STRINGS = {
  en: {
    'attach.button': 'Attach files',
    'attach.tray': 'Files to send',
    'attach.uploading': 'Uploading {name}',
    'attach.retry': 'Retry',
    'attach.remove': 'Remove {name}',
    'attach.tooLarge': 'Too large: the file is over the size limit.',
    'attach.badType': 'This type of file is not allowed here.',
    'attach.offline': 'Not uploaded: the server cannot be reached.',
    'attach.failed': 'Not uploaded: {reason}',
    'attach.waiting': 'Sends when the files are uploaded.',
    'attach.blocked': 'A file was not uploaded: remove it or try again, then send.',
    'attach.drop': 'Drop files to attach them',
    'attach.list': 'Files',
    'attach.open': 'Open {name} larger',
    'attach.download': 'Download {name} ({size})',
    'attach.downloadShort': 'Download',
    'attach.unknownType': 'file',
  },
  'zh-CN': {
    'attach.button': '添加附件',
    'attach.tray': '待发送的文件',
    'attach.uploading': '正在上传 {name}',
    'attach.retry': '重试',
    'attach.remove': '移除 {name}',
    'attach.tooLarge': '文件过大：超过了大小限制。',
    'attach.badType': '这里不允许此类型的文件。',
    'attach.offline': '未上传：无法连接服务器。',
    'attach.failed': '未上传：{reason}',
    'attach.waiting': '文件上传完成后发送。',
    'attach.blocked': '有文件未上传：请移除或重试后再发送。',
    'attach.drop': '拖放文件到这里即可添加',
    'attach.list': '文件',
    'attach.open': '放大查看 {name}',
    'attach.download': '下载 {name}（{size}）',
    'attach.downloadShort': '下载',
    'attach.unknownType': '文件',
  },
};
