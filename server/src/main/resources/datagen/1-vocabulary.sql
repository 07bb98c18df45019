-- The generator's working schema: deterministic random numbers and ids, and the phrase bank.
-- Every "random" choice is a hash of (row number, purpose, seed), so one seed gives one history.

-- step: vocabulary
DROP SCHEMA IF EXISTS datagen CASCADE;
CREATE SCHEMA datagen;

-- A uniform number in [0, 1) for row k and purpose salt.
CREATE FUNCTION datagen.u(k bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT (hashint8extended(k, salt::bigint * 1000003 + ${seed}) & 2147483647)::float8 / 2147483648.0 $$;

-- A whole number in [0, n).
CREATE FUNCTION datagen.pick(k bigint, salt int, n bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT floor(datagen.u(k, salt) * n)::bigint $$;

-- A Zipf-like rank in [1, n]: log-uniform, so rank r comes up about 1/r as often as rank 1.
CREATE FUNCTION datagen.zipf(k bigint, salt int, n int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT least(n, floor(exp(datagen.u(k, salt) * ln(n + 1)))::int) $$;

-- A stable id for a name.
CREATE FUNCTION datagen.id(name text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT md5('${seed}:' || name)::uuid $$;

-- A time-ordered id (UUID version 7 layout), so rows made in time order land at the index's end.
CREATE FUNCTION datagen.id7(at timestamptz, name text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT (lpad(to_hex((extract(epoch FROM at) * 1000)::bigint), 12, '0') || '7'
           || substr(md5('${seed}:' || name), 1, 3) || '8' || substr(md5('${seed}:' || name), 4, 15))::uuid $$;

-- Support vocabulary, most common first.
CREATE TABLE datagen.word (lang text, rank int, word text, PRIMARY KEY (lang, rank));
INSERT INTO datagen.word
SELECT 'en', rank::int, word FROM unnest(string_to_array(
  'order refund account password delivery invoice payment shipping login package subscription '
  'card email address tracking return discount price app update receipt coupon plan upgrade '
  'cancel charge parcel courier balance wallet checkout cart size colour stock exchange bill '
  'statement verification code phone transfer credit debit bank deposit installment membership '
  'points reward voucher gift promotion bundle renewal trial license download device battery '
  'screen charger cable warranty repair replacement damage defect missing delay customs duty '
  'tax pickup locker signature label barcode serial firmware backup sync notification profile '
  'avatar nickname username security lockout reset chargeback dispute fraud overcharge '
  'reimbursement prorated backorder preorder restock waitlist dispatch consignment manifest '
  'tariff clearance broker freight pallet warehouse fulfilment surcharge adjustment ledger '
  'reconciliation remittance escrow arbitration ombudsman affidavit notarized apostille '
  'depreciation amortization indemnity subrogation', ' ')) WITH ORDINALITY AS t (word, rank);
INSERT INTO datagen.word
SELECT 'zh', rank::int, word FROM unnest(string_to_array(
  '订单 退款 账户 密码 物流 发票 快递 支付 登录 地址 优惠 会员 价格 包裹 退货 换货 客服 售后 '
  '质量 配送 库存 验证 手机 邮箱 积分 活动 折扣 充值 余额 提现 绑定 解绑 签收 延迟 破损 缺货 '
  '尺码 颜色 型号 安装 维修 保修 赔偿 投诉 审核 冻结 注销 合同 报价 海关 关税 召回 抵扣 补发 '
  '拒收 揽收 退回 预售 定金 尾款 分期 利息 汇率 跨境 清关 税号 抬头 盖章 对账 结算 押金 续费 '
  '试用 授权 固件 序列 条码 仓储 托盘 运单 保价 理赔 仲裁 公证 担保 折旧 摊销', ' '))
  WITH ORDINALITY AS t (word, rank);

-- Sentences with a slot {w} for a word and {n} for an order number, by language and sender.
CREATE TABLE datagen.phrase (lang text, role text, k int, text text, PRIMARY KEY (lang, role, k));
INSERT INTO datagen.phrase
SELECT 'en', 'visitor', k::int - 1, text FROM unnest(ARRAY[
  'Hi, I have a question about my {w}.',
  'My {w} still has not arrived, can you check order {n}?',
  'I was charged twice, please look into the {w}.',
  'Could you send me the {w} for order {n}?',
  'The {w} page shows an error every time I try.',
  'I would like a refund, the {w} was not what I expected.',
  'How long does the {w} usually take?',
  'I forgot my password and cannot open my {w}.',
  'Is there any discount on the {w} this month?',
  'The tracking says delivered but I never got the {w}.',
  'Can I change the {w} on order {n}?',
  'Why is my {w} on hold?',
  'I need an invoice with our company name for the {w}.',
  'Thanks, that fixed the {w} problem.',
  'Where can I find the {w} settings?',
  'The {w} arrived damaged, what should I do?']) WITH ORDINALITY AS t (text, k)
UNION ALL
SELECT 'en', 'agent', k::int - 1, text FROM unnest(ARRAY[
  'Thanks for waiting, I am checking your {w} now.',
  'I can see order {n}, the {w} is on its way.',
  'I have issued the refund, the {w} will show in 3 to 5 days.',
  'Please try resetting your password from the {w} page.',
  'I have sent the {w} to your email address.',
  'Sorry about the trouble with the {w}, let me fix that.',
  'Could you confirm the email address on the {w}?',
  'The {w} was updated, please refresh the page.',
  'I have escalated the {w} to our billing team.',
  'Is there anything else about the {w} I can help with?',
  'Our courier will pick up the {w} tomorrow.',
  'You can download the {w} from your account page.']) WITH ORDINALITY AS t (text, k)
UNION ALL
SELECT 'zh', 'visitor', k::int - 1, text FROM unnest(ARRAY[
  '你好，我想咨询一下{w}的问题。',
  '我的{w}还没有到，订单号是{n}，帮忙查一下。',
  '被扣了两次钱，请核实一下{w}。',
  '请问{w}怎么开？订单{n}。',
  '{w}页面一直报错，打不开。',
  '我要申请退款，{w}和描述不符。',
  '{w}一般需要多长时间？',
  '忘记密码了，{w}登录不了。',
  '这个月{w}有优惠吗？',
  '显示已签收但是我没收到{w}。',
  '订单{n}的{w}可以修改吗？',
  '为什么我的{w}被冻结了？',
  '发票抬头需要写公司名称，{w}怎么弄？',
  '谢谢，{w}的问题解决了。',
  '{w}到货有破损，怎么处理？']) WITH ORDINALITY AS t (text, k)
UNION ALL
SELECT 'zh', 'agent', k::int - 1, text FROM unnest(ARRAY[
  '您好，正在为您查询{w}，请稍等。',
  '订单{n}已经发出，{w}正在配送中。',
  '退款已经提交，{w}预计3到5个工作日到账。',
  '请在{w}页面点击忘记密码进行重置。',
  '{w}已经发送到您的邮箱，请查收。',
  '非常抱歉给您带来不便，{w}我们马上处理。',
  '麻烦提供一下{w}绑定的手机号。',
  '{w}已经更新，请刷新页面。',
  '已经将{w}转给财务同事跟进。',
  '请问关于{w}还有其他问题吗？',
  '快递员明天上门取件，{w}请准备好。']) WITH ORDINALITY AS t (text, k);

CREATE TABLE datagen.phrase_count AS
SELECT lang, role, count(*)::int AS n FROM datagen.phrase GROUP BY lang, role;
CREATE TABLE datagen.word_count AS SELECT lang, count(*)::int AS n FROM datagen.word GROUP BY lang;

-- One generated sentence: phrase and word chosen by hashes of k.
CREATE FUNCTION datagen.sentence(lang text, role text, k bigint, salt int) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT replace(replace(p.text, '{w}', w.word), '{n}', 'SB' || (10000000 + datagen.pick($3, $4 + 2, 89999999)))
  FROM datagen.phrase p, datagen.word w
  WHERE p.lang = $1 AND p.role = $2
    AND p.k = datagen.pick($3, $4, (SELECT c.n FROM datagen.phrase_count c WHERE c.lang = $1 AND c.role = $2))
    AND w.lang = $1 AND w.rank = datagen.zipf($3, $4 + 1, (SELECT c.n FROM datagen.word_count c WHERE c.lang = $1))
$$;

-- A bank of generated sentences per language and sender, which messages draw from uniformly; the
-- words keep their Zipf-like spread across the bank.
CREATE TABLE datagen.sentence_bank (lang text, role text, k int, text text, PRIMARY KEY (lang, role, k));
INSERT INTO datagen.sentence_bank
SELECT l.lang, r.role, k, datagen.sentence(l.lang, r.role, k * 4 + (l.lang = 'zh')::int * 2
       + (r.role = 'agent')::int, 11)
FROM (VALUES ('en'), ('zh')) l (lang), (VALUES ('visitor'), ('agent')) r (role),
     generate_series(0, ${bank_size} - 1) k;
ANALYZE datagen.sentence_bank;
