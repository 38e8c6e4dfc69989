// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwctl_mock: fake fwctl devices of types mlx5, bnxt and pds.
 *
 * TEST-ONLY. This module is loaded only inside the fwctl-guard test VM
 * (tests/vm) and must never be loaded on a real host: its devices accept
 * every RPC without any of the validation the real drivers do, which is the
 * point, since the VM tests use it to show which RPCs get past the guard and
 * reach a device.
 *
 * On load it creates one faux parent device per type ("fwctl_mock_mlx5",
 * "fwctl_mock_bnxt", "fwctl_mock_pds", in that order) and registers one
 * fwctl device on each through the kernel's own fwctl API, so they get
 * consecutive /dev/fwctl/fwctlN minors after any existing ones.
 *
 * FWCTL_INFO returns the device type's uapi info struct with fixed values.
 * FWCTL_RPC is recorded and answered by echoing the request back: the
 * response is rpc_in itself, truncated to min(in_len, out_len).
 *
 * Recording: /sys/kernel/debug/fwctl_mock/{mlx5,bnxt,pds}. Reading a file
 * prints one line per RPC that reached the device, oldest first:
 *
 *	scope=S in_len=N first=HEX
 *
 * where HEX is the first min(in_len, 16) request bytes in lower case hex.
 * The pds file also appends " payload=HEX" with the first min(in.len, 16)
 * bytes of the user buffer that struct fwctl_rpc_pds's in.payload points at
 * (" payload=fault" if reading it faults; nothing when in.len is 0 or the
 * request is too short to hold the in part of struct fwctl_rpc_pds).
 * Writing anything to a file clears its log.
 */
#include <linux/debugfs.h>
#include <linux/device/faux.h>
#include <linux/fwctl.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/uaccess.h>

#include <uapi/fwctl/bnxt.h>
#include <uapi/fwctl/fwctl.h>
#include <uapi/fwctl/mlx5.h>
#include <uapi/fwctl/pds.h>

/*
 * At most this many RPCs are kept per device. When the log is full the
 * oldest entry is dropped, so the log always shows the most recent RPCs.
 */
#define MOCK_LOG_MAX		1024
#define MOCK_HEX_BYTES		16

/* Fixed FWCTL_INFO values of the mlx5 mock (the real driver's FW UID). */
#define MOCK_MLX5_UID		1
/* MLX5_UCTX_OBJECT_CAP_TOOLS_RESOURCES in drivers/fwctl/mlx5/main.c */
#define MOCK_MLX5_UCTX_CAPS	0x4

enum mock_payload_state {
	MOCK_PAYLOAD_NONE,
	MOCK_PAYLOAD_OK,
	MOCK_PAYLOAD_FAULT,
};

struct mock_rec {
	u32 scope;
	u32 in_len;
	u8 first_len;
	u8 payload_state;
	u8 payload_len;
	u8 first[MOCK_HEX_BYTES];
	u8 payload[MOCK_HEX_BYTES];
};

struct mock_type {
	const char *name;		/* debugfs file name */
	const char *parent_name;	/* faux device name */
	const struct fwctl_ops *ops;
	bool pds_payload;

	struct faux_device *fdev;
	struct mock_fwctl *mf;

	/* Protects head, count and recs. */
	struct mutex lock;
	unsigned int head;
	unsigned int count;
	struct mock_rec recs[MOCK_LOG_MAX];
};

/* The fwctl core requires struct fwctl_device at offset 0. */
struct mock_fwctl {
	struct fwctl_device fwctl;
	struct mock_type *mt;
};

static struct dentry *mock_debugfs_dir;

static struct mock_type *mock_type_of(struct fwctl_uctx *uctx)
{
	return container_of(uctx->fwctl, struct mock_fwctl, fwctl)->mt;
}

static void mock_log_add(struct mock_type *mt, const struct mock_rec *rec)
{
	guard(mutex)(&mt->lock);
	if (mt->count < MOCK_LOG_MAX) {
		mt->recs[(mt->head + mt->count) % MOCK_LOG_MAX] = *rec;
		mt->count++;
	} else {
		/* Full: overwrite the oldest entry. */
		mt->recs[mt->head] = *rec;
		mt->head = (mt->head + 1) % MOCK_LOG_MAX;
	}
}

static int mock_open_uctx(struct fwctl_uctx *uctx)
{
	return 0;
}

static void mock_close_uctx(struct fwctl_uctx *uctx)
{
}

static void *mock_info_mlx5(struct fwctl_uctx *uctx, size_t *length)
{
	struct fwctl_info_mlx5 *info;

	info = kzalloc_obj(*info);
	if (!info)
		return ERR_PTR(-ENOMEM);
	info->uid = MOCK_MLX5_UID;
	info->uctx_caps = MOCK_MLX5_UCTX_CAPS;
	*length = sizeof(*info);
	return info;
}

static void *mock_info_bnxt(struct fwctl_uctx *uctx, size_t *length)
{
	struct fwctl_info_bnxt *info;

	info = kzalloc_obj(*info);
	if (!info)
		return ERR_PTR(-ENOMEM);
	/* What the real driver's open_uctx() grants. */
	info->uctx_caps = BIT(FWCTL_BNXT_INLINE_COMMANDS) |
			  BIT(FWCTL_BNXT_QUERY_COMMANDS) |
			  BIT(FWCTL_BNXT_SEND_COMMANDS) |
			  BIT(FWCTL_BNXT_DMA_COMMANDS);
	*length = sizeof(*info);
	return info;
}

static void *mock_info_pds(struct fwctl_uctx *uctx, size_t *length)
{
	struct fwctl_info_pds *info;

	info = kzalloc_obj(*info);
	if (!info)
		return ERR_PTR(-ENOMEM);
	info->uctx_caps = BIT(PDS_FWCTL_QUERY_CAP) | BIT(PDS_FWCTL_SEND_CAP);
	*length = sizeof(*info);
	return info;
}

/*
 * Accept every RPC (no validation at all, unlike the real drivers), record
 * it and echo the request back as the response. The fwctl_ops contract
 * allows returning rpc_in; fwctl_cmd_rpc() then does not free it twice and
 * copies min(user out_len, *out_len) bytes of it to the user.
 */
static void *mock_fw_rpc(struct fwctl_uctx *uctx, enum fwctl_rpc_scope scope,
			 void *rpc_in, size_t in_len, size_t *out_len)
{
	struct mock_type *mt = mock_type_of(uctx);
	struct mock_rec rec = {
		.scope = scope,
		.in_len = in_len,
		.first_len = min_t(size_t, in_len, MOCK_HEX_BYTES),
	};

	memcpy(rec.first, rpc_in, rec.first_len);

	if (mt->pds_payload &&
	    in_len >= offsetofend(struct fwctl_rpc_pds, in.payload)) {
		const struct fwctl_rpc_pds *rpc = rpc_in;

		if (rpc->in.len) {
			rec.payload_len = min_t(u32, rpc->in.len,
						MOCK_HEX_BYTES);
			if (copy_from_user(rec.payload,
					   u64_to_user_ptr(rpc->in.payload),
					   rec.payload_len))
				rec.payload_state = MOCK_PAYLOAD_FAULT;
			else
				rec.payload_state = MOCK_PAYLOAD_OK;
		}
	}

	mock_log_add(mt, &rec);

	*out_len = min(in_len, *out_len);
	return rpc_in;
}

static const struct fwctl_ops mock_ops_mlx5 = {
	.device_type = FWCTL_DEVICE_TYPE_MLX5,
	.uctx_size = sizeof(struct fwctl_uctx),
	.open_uctx = mock_open_uctx,
	.close_uctx = mock_close_uctx,
	.info = mock_info_mlx5,
	.fw_rpc = mock_fw_rpc,
};

static const struct fwctl_ops mock_ops_bnxt = {
	.device_type = FWCTL_DEVICE_TYPE_BNXT,
	.uctx_size = sizeof(struct fwctl_uctx),
	.open_uctx = mock_open_uctx,
	.close_uctx = mock_close_uctx,
	.info = mock_info_bnxt,
	.fw_rpc = mock_fw_rpc,
};

static const struct fwctl_ops mock_ops_pds = {
	.device_type = FWCTL_DEVICE_TYPE_PDS,
	.uctx_size = sizeof(struct fwctl_uctx),
	.open_uctx = mock_open_uctx,
	.close_uctx = mock_close_uctx,
	.info = mock_info_pds,
	.fw_rpc = mock_fw_rpc,
};

/* Registered in this order, so the minors are consecutive in this order. */
static struct mock_type mock_types[] = {
	{
		.name = "mlx5",
		.parent_name = "fwctl_mock_mlx5",
		.ops = &mock_ops_mlx5,
	},
	{
		.name = "bnxt",
		.parent_name = "fwctl_mock_bnxt",
		.ops = &mock_ops_bnxt,
	},
	{
		.name = "pds",
		.parent_name = "fwctl_mock_pds",
		.ops = &mock_ops_pds,
		.pds_payload = true,
	},
};

static int mock_log_show(struct seq_file *s, void *unused)
{
	struct mock_type *mt = s->private;
	unsigned int i;

	guard(mutex)(&mt->lock);
	for (i = 0; i < mt->count; i++) {
		const struct mock_rec *rec =
			&mt->recs[(mt->head + i) % MOCK_LOG_MAX];

		seq_printf(s, "scope=%u in_len=%u first=%*phN", rec->scope,
			   rec->in_len, rec->first_len, rec->first);
		if (rec->payload_state == MOCK_PAYLOAD_OK)
			seq_printf(s, " payload=%*phN", rec->payload_len,
				   rec->payload);
		else if (rec->payload_state == MOCK_PAYLOAD_FAULT)
			seq_puts(s, " payload=fault");
		seq_putc(s, '\n');
	}
	return 0;
}

static int mock_log_open(struct inode *inode, struct file *file)
{
	return single_open(file, mock_log_show, inode->i_private);
}

/* Any write clears the log. */
static ssize_t mock_log_write(struct file *file, const char __user *buf,
			      size_t count, loff_t *ppos)
{
	struct mock_type *mt = file_inode(file)->i_private;

	guard(mutex)(&mt->lock);
	mt->head = 0;
	mt->count = 0;
	return count;
}

static const struct file_operations mock_log_fops = {
	.owner = THIS_MODULE,
	.open = mock_log_open,
	.read = seq_read,
	.write = mock_log_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int mock_add(struct mock_type *mt)
{
	struct mock_fwctl *mf;
	int ret;

	mt->fdev = faux_device_create(mt->parent_name, NULL, NULL);
	if (!mt->fdev)
		return -ENODEV;

	mf = fwctl_alloc_device(&mt->fdev->dev, mt->ops, struct mock_fwctl,
				fwctl);
	if (!mf) {
		ret = -ENOMEM;
		goto err_faux;
	}
	mf->mt = mt;

	ret = fwctl_register(&mf->fwctl);
	if (ret)
		goto err_put;

	mt->mf = mf;
	dev_info(&mf->fwctl.dev, "fwctl_mock: %s device (test-only)\n",
		 mt->name);
	return 0;

err_put:
	fwctl_put(&mf->fwctl);
err_faux:
	faux_device_destroy(mt->fdev);
	mt->fdev = NULL;
	return ret;
}

static void mock_del(struct mock_type *mt)
{
	/* On return no op runs any more; open FDs then get -ENODEV. */
	fwctl_unregister(&mt->mf->fwctl);
	fwctl_put(&mt->mf->fwctl);
	mt->mf = NULL;
	faux_device_destroy(mt->fdev);
	mt->fdev = NULL;
}

static int __init fwctl_mock_init(void)
{
	struct dentry *file;
	int i, ret;

	for (i = 0; i < ARRAY_SIZE(mock_types); i++)
		mutex_init(&mock_types[i].lock);

	/* The log is the point of this module: no debugfs, no load. */
	mock_debugfs_dir = debugfs_create_dir("fwctl_mock", NULL);
	if (IS_ERR(mock_debugfs_dir)) {
		ret = PTR_ERR(mock_debugfs_dir);
		goto err_mutex;
	}
	for (i = 0; i < ARRAY_SIZE(mock_types); i++) {
		file = debugfs_create_file(mock_types[i].name, 0600,
					   mock_debugfs_dir, &mock_types[i],
					   &mock_log_fops);
		if (IS_ERR(file)) {
			ret = PTR_ERR(file);
			goto err_debugfs;
		}
	}

	for (i = 0; i < ARRAY_SIZE(mock_types); i++) {
		ret = mock_add(&mock_types[i]);
		if (ret) {
			pr_err("fwctl_mock: cannot add the %s device: %d\n",
			       mock_types[i].name, ret);
			goto err_devices;
		}
	}
	return 0;

err_devices:
	while (--i >= 0)
		mock_del(&mock_types[i]);
err_debugfs:
	debugfs_remove_recursive(mock_debugfs_dir);
err_mutex:
	for (i = 0; i < ARRAY_SIZE(mock_types); i++)
		mutex_destroy(&mock_types[i].lock);
	return ret;
}

static void __exit fwctl_mock_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(mock_types) - 1; i >= 0; i--)
		mock_del(&mock_types[i]);
	debugfs_remove_recursive(mock_debugfs_dir);
	for (i = 0; i < ARRAY_SIZE(mock_types); i++)
		mutex_destroy(&mock_types[i].lock);
}

module_init(fwctl_mock_init);
module_exit(fwctl_mock_exit);

MODULE_DESCRIPTION("Test-only fake mlx5/bnxt/pds fwctl devices for the fwctl-guard VM");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("FWCTL");
