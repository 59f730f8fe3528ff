import { fillerContent, makeAttachments } from './message';
import { md5Hex, OrgState, type AccountStatus } from './state';

export type SeedName = 'demo' | 'empty';
export const SEED_NAMES: readonly SeedName[] = ['demo', 'empty'];

/** Password of every demo account. */
export const DEMO_PASSWORD = 'Sandbox@2024';

const HOUR = 3600 * 1000;

export function createOrganisation(
	seed: SeedName,
	domain: string,
	orgOpenId: string,
	now: number,
): OrgState {
	const state = new OrgState(domain, orgOpenId);
	if (seed === 'demo') seedDemo(state, now);
	return state;
}

interface DemoAccount {
	accountName: string;
	name: string;
	jobNumber: string;
	mobile: string;
	job: string;
	gender: number;
	unit: string | null;
	status?: AccountStatus;
	aliases?: string[];
}

const DEMO_ACCOUNTS: DemoAccount[] = [
	{
		accountName: 'zhang.wei',
		name: '张伟',
		jobNumber: 'E1001',
		mobile: '13900000001',
		job: '总经理',
		gender: 1,
		unit: '总部',
		aliases: ['ceo', 'wei.zhang'],
	},
	{
		accountName: 'li.na',
		name: '李娜',
		jobNumber: 'E1002',
		mobile: '13900000002',
		job: '研发总监',
		gender: 2,
		unit: '研发中心',
		aliases: ['cto'],
	},
	{
		accountName: 'wang.fang',
		name: '王芳',
		jobNumber: 'E1003',
		mobile: '13900000003',
		job: '后端工程师',
		gender: 2,
		unit: '后端组',
	},
	{
		accountName: 'liu.yang',
		name: '刘洋',
		jobNumber: 'E1004',
		mobile: '13900000004',
		job: '前端工程师',
		gender: 1,
		unit: '前端组',
	},
	{
		accountName: 'chen.jing',
		name: '陈静',
		jobNumber: 'E1005',
		mobile: '13900000005',
		job: '市场经理',
		gender: 2,
		unit: '市场部',
		status: 1,
	},
	{
		accountName: 'zhao.lei',
		name: '赵磊',
		jobNumber: 'E1006',
		mobile: '13900000006',
		job: '市场专员',
		gender: 1,
		unit: '市场部',
		status: 2,
	},
	{
		accountName: 'service',
		name: '客服中心',
		jobNumber: '',
		mobile: '',
		job: '',
		gender: 0,
		unit: null,
	},
];

interface DemoMessage {
	from: string;
	to?: string;
	subject: string;
	summary: string;
	fid?: number;
	read?: boolean;
	attachments?: Array<{ fileName: string; mimeType: string; size: number }>;
	/** Index (in the demo list) of the message this one answers. */
	replyToIndex?: number;
}

function seedDemo(state: OrgState, now: number): void {
	const hq = state.createUnit('总部', '集团总部', '0');
	const rd = state.createUnit('研发中心', '产品研发', '0');
	const backend = state.createUnit('后端组', '服务端开发', rd.unitId);
	const frontend = state.createUnit('前端组', 'Web 与移动端开发', rd.unitId);
	const marketing = state.createUnit('市场部', '市场与品牌', '0');
	const unitIds: Record<string, string> = {
		总部: hq.unitId,
		研发中心: rd.unitId,
		后端组: backend.unitId,
		前端组: frontend.unitId,
		市场部: marketing.unitId,
	};

	DEMO_ACCOUNTS.forEach((demo, index) => {
		const account = state.createAccount({
			accountName: demo.accountName,
			name: demo.name,
			mobile: demo.mobile,
			mobilePrefix: '',
			jobNumber: demo.jobNumber,
			job: demo.job,
			gender: demo.gender,
			remark: '',
			unitId: demo.unit ? unitIds[demo.unit] : state.defaultUnitId,
			status: demo.status ?? 0,
			visibleInAddr: 1,
			passChangeFirstLogin: 0,
			createTime: now - (30 - index) * 24 * HOUR,
			passwordMd5: md5Hex(DEMO_PASSWORD),
		});
		account.aliases.push(...(demo.aliases ?? []));
		state.appendRevision('ADD', account);
	});

	const active = DEMO_ACCOUNTS.filter((demo) => !demo.status).map((demo) =>
		state.email(demo.accountName),
	);
	state.mailLists.set('all-staff', {
		accountName: 'all-staff',
		name: '全体员工',
		visibleInAddr: 1,
		mailListUserType: 4,
		members: active,
		memberUnits: [],
		authMembers: [],
	});
	state.mailLists.set('rd', {
		accountName: 'rd',
		name: '研发中心',
		visibleInAddr: 1,
		mailListUserType: 2,
		members: [],
		memberUnits: [rd.unitId],
		authMembers: [state.email('zhang.wei')],
	});

	const suppliers = state.addPubAddressGroup('供应商');
	state.addPubAddress({
		email: 'counsel@partner.example.org',
		name: '周律师',
		mobile: '13900000101',
		company: '示例律师事务所',
		department: '法务部',
		fax: '',
		birthday: null,
		groupIds: [],
	});
	state.addPubAddress({
		email: 'sales@supplier.example.net',
		name: '供应商销售',
		mobile: '',
		company: '示例供应商',
		department: '销售部',
		fax: '010-00000000',
		birthday: null,
		groupIds: [suppliers.groupId],
	});

	const messages: Array<[string, DemoMessage, number]> = [
		[
			'zhang.wei',
			{
				from: 'li.na@DOMAIN',
				subject: '研发周报（第 12 周）',
				summary: '本周完成了账号同步模块的联调……',
				read: true,
			},
			72,
		],
		[
			'zhang.wei',
			{
				from: 'counsel@partner.example.org',
				subject: '合同审阅意见',
				summary: '附件为修订后的合同，请查收。',
				attachments: [{ fileName: '合同-修订版.pdf', mimeType: 'application/pdf', size: 182044 }],
			},
			30,
		],
		[
			'zhang.wei',
			{
				from: 'chen.jing@DOMAIN',
				subject: '市场活动预算',
				summary: '下季度活动预算草案，请审批。',
				read: true,
			},
			20,
		],
		[
			'zhang.wei',
			{
				from: 'wang.fang@DOMAIN',
				subject: '线上故障复盘',
				summary: '周二晚间接口超时的原因和改进措施。',
			},
			3,
		],
		[
			'zhang.wei',
			{ from: 'promo@ads.example.com', subject: '限时优惠！', summary: '点击领取优惠券', fid: 5 },
			5,
		],
		[
			'zhang.wei',
			{
				from: 'zhang.wei@DOMAIN',
				to: 'li.na@DOMAIN',
				subject: 'Re: 研发周报（第 12 周）',
				summary: '收到，辛苦。',
				replyToIndex: 0,
				fid: 3,
				read: true,
			},
			70,
		],
		[
			'li.na',
			{
				from: 'zhang.wei@DOMAIN',
				subject: '季度目标',
				summary: '请在周五前提交研发中心的季度目标。',
				read: true,
			},
			48,
		],
		[
			'li.na',
			{ from: 'wang.fang@DOMAIN', subject: '代码评审请求', summary: '账号同步模块的 PR 已提交。' },
			2,
		],
		[
			'wang.fang',
			{ from: 'li.na@DOMAIN', subject: '值班安排', summary: '下周由你值班，请注意告警。' },
			1,
		],
	];
	const messageIds = messages.map((_, index) => `<demo.${index + 1}@${state.domain}>`);
	messages.forEach(([accountName, fields, hoursAgo], index) => {
		const resolve = (address: string) => address.replace('@DOMAIN', `@${state.domain}`);
		const summary = fields.summary;
		const html = `<p>${summary}</p>`;
		const attachments = makeAttachments(
			(fields.attachments ?? []).map((file) => ({
				fileName: file.fileName,
				mimeType: file.mimeType,
				content: fillerContent(file.fileName, file.size),
			})),
		);
		const inReplyTo = fields.replyToIndex === undefined ? '' : messageIds[fields.replyToIndex];
		const message = state.addMessage(accountName, {
			fid: fields.fid ?? 1,
			messageId: messageIds[index],
			from: resolve(fields.from),
			to: [resolve(fields.to ?? state.email(accountName))],
			cc: [],
			bcc: [],
			replyTo: '',
			subject: fields.subject,
			sentDate: now - hoursAgo * HOUR,
			size:
				2048 + Buffer.byteLength(summary) + attachments.reduce((sum, file) => sum + file.size, 0),
			read: fields.read ?? false,
			summary,
			contentType: 'text/html',
			text: summary,
			html,
			inReplyTo,
			references: inReplyTo,
			attachments,
		});
		if (message.fid === 1 || message.fid === 5) {
			state.receivedMailLogs.push({
				time: message.sentDate + 2000,
				account: accountName,
				mid: message.mid,
				from: message.from,
				to: message.to.join(','),
				subject: message.subject,
				size: message.size,
				status: message.fid === 5 ? 'spam' : 'delivered',
			});
		}
	});

	const logins: Array<[string, string, number]> = [
		['zhang.wei', '192.0.2.10', 50],
		['li.na', '192.0.2.11', 26],
		['zhang.wei', '198.51.100.7', 4],
		['wang.fang', '192.0.2.12', 1],
	];
	for (const [accountName, ip, hoursAgo] of logins) {
		state.webLoginLogs.push({
			time: now - hoursAgo * HOUR,
			accountName,
			ip,
			loginType: 'web',
			result: 'success',
		});
	}
}
