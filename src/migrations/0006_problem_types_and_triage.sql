CREATE TABLE "problem_type" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"recommended_channel" text NOT NULL,
	"default_group_id" uuid,
	"priority" text NOT NULL,
	"sla_class" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ticket" ADD COLUMN "classification_confidence" real;--> statement-breakpoint
ALTER TABLE "ticket" ADD COLUMN "needs_triage" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "problem_type" ADD CONSTRAINT "problem_type_default_group_id_skill_group_id_fk" FOREIGN KEY ("default_group_id") REFERENCES "public"."skill_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "problem_type_code_idx" ON "problem_type" USING btree ("code");--> statement-breakpoint
CREATE INDEX "ticket_triage_idx" ON "ticket" USING btree ("updated_at","id") WHERE "ticket"."needs_triage";--> statement-breakpoint
-- The taxonomy the classifier is trained on (src/classification/data), with its defaults; admins edit them later.
INSERT INTO "problem_type" ("code", "name_zh", "name_en", "recommended_channel", "priority", "sla_class", "updated_at") VALUES
	('login_verification', '登录失败/验证码收不到', 'Login failure or verification code not received', 'chat', 'normal', 'technical', now()),
	('account_frozen', '账户冻结或受限', 'Account frozen or restricted', 'phone', 'high', 'identity', now()),
	('identity_verification', '实名认证', 'Identity verification', 'portal', 'normal', 'identity', now()),
	('balance_wrong', '余额/持仓/盈亏显示错误', 'Balance, position or P&L shown wrong', 'portal', 'high', 'data_sync', now()),
	('data_delay', '数据延迟或与券商/交易所不一致', 'Data delayed or different from the broker or exchange', 'portal', 'normal', 'data_sync', now()),
	('deposit_withdrawal', '充值/提现未到账', 'Deposit or withdrawal not arrived', 'portal', 'high', 'data_sync', now()),
	('transfer_failed', '转账失败', 'Transfer failed', 'chat', 'high', 'technical', now()),
	('fee_dispute', '手续费或利息争议', 'Fee or interest dispute', 'email', 'normal', 'dispute', now()),
	('app_fault', 'App 卡顿、闪退或显示异常', 'App lag, crash or display fault', 'portal', 'normal', 'technical', now()),
	('suspected_theft', '疑似盗号或未授权交易', 'Suspected account theft or unauthorised transaction', 'phone', 'urgent', 'emergency', now()),
	('fraud_report', '诈骗或冒充举报', 'Fraud or impersonation report', 'phone', 'urgent', 'emergency', now()),
	('service_complaint', '服务投诉', 'Complaint about service', 'email', 'high', 'dispute', now()),
	('suggestion', '建议', 'Suggestion', 'portal', 'low', 'general', now()),
	('other', '其他', 'Other', 'chat', 'normal', 'general', now());
